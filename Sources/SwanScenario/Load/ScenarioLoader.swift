import SwanCore

/// Turns scenario bytes into a validated, resolved `Scenario` (SCENARIO-FORMAT.md §4, §5).
///
/// Pure: the caller reads the file. Either every check passes and a scenario comes back,
/// or every error found comes back in document order (at most 100), and nothing else.
public enum ScenarioLoader {
    /// The syntax of the file.
    public enum Syntax: Sendable {
        case json, yaml

        /// `.yaml` and `.yml` are YAML; everything else is read as JSON.
        public init(fileName: String) {
            let lower = fileName.lowercased()
            self = lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") ? .yaml : .json
        }

        /// For bytes with no file name (a ledger's `meta.scenario_source`): JSON when the first
        /// byte after white space and a byte-order mark opens an object, else YAML.
        public init(sniffing bytes: [UInt8]) {
            let skipped: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF]
            self = bytes.first { !skipped.contains($0) } == UInt8(ascii: "{") ? .json : .yaml
        }
    }

    /// Validates and resolves one scenario document, with a sweep's `edit` applied to the
    /// parsed document first (no edit for a plain run).
    public static func load(_ bytes: [UInt8], syntax: Syntax, edit: ScenarioEdit = ScenarioEdit()) throws(ScenarioErrors)
        -> Scenario
    {
        let root: DocumentNode
        do throws(ScenarioError) {
            switch syntax {
            case .json:
                root = try JSONDocumentParser.parse(bytes)
            case .yaml:
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw ScenarioError(.json, at: .root, "1:1: the file is not valid UTF-8", position: .init(line: 1, column: 1))
                }
                root = try YAMLDocumentReader.read(text)
            }
        } catch {
            throw ScenarioErrors([error])
        }
        let edited = edit.apply(to: root)
        let diagnostics = Diagnostics()
        let scenario = TopLevelReader(diagnostics: diagnostics, seedOverride: edit.seed).read(Located(node: edited, path: .root))
        let errors = diagnostics.sorted
        guard errors.isEmpty, let scenario else {
            throw ScenarioErrors(errors.isEmpty
                ? [ScenarioError(.json, at: .root, "scenario could not be read", position: root.position)] : errors)
        }
        return scenario
    }
}

/// Reads the top-level object and drives the other readers in resolution order.
struct TopLevelReader {
    let diagnostics: Diagnostics
    /// A sweep's seed, used instead of the document's (which is then not read).
    var seedOverride: UInt64? = nil

    func read(_ root: Located) -> Scenario? {
        guard let reader = diagnostics.object(root, context: "scenario") else { return nil }
        // "swan-scenario/2" is a market run (SCENARIO-FORMAT-MARKET.md §1); "/1" is read as ever.
        var market = false
        if let format = reader.optional("format") {
            if case .string(let text) = format.node.value, text == "swan-scenario/1" || text == "swan-scenario/2" {
                market = text == "swan-scenario/2"
            } else {
                diagnostics.report(.format, format, "format must be \"swan-scenario/1\" or \"swan-scenario/2\"")
            }
        } else {
            diagnostics.report(.format, root, "missing \"format\": expected \"swan-scenario/1\" or \"swan-scenario/2\"")
        }
        var name: String?
        if let field = reader.required("name"), let text = diagnostics.string(field) {
            if IDSyntax.isValidName(text) { name = text } else {
                diagnostics.report(.idSyntax, field, "name \(jsonQuoted(text)) must match [A-Za-z0-9._-]{1,64}")
            }
        }
        let description = reader.optional("description").flatMap { diagnostics.string($0) } ?? ""
        let seedField = reader.optional("seed")
        let seed = seedOverride == nil ? seedField.map { diagnostics.integer($0, in: 0...9_007_199_254_740_991) } ?? 0 : 0
        let days = reader.required("days").flatMap { diagnostics.integer($0, in: 1...36_500) }
        let preset = reader.optional("preset").map {
            diagnostics.enumeration($0, Preset.allCases.map(\.rawValue), what: "preset").flatMap(Preset.init)
        } ?? .default
        let (parameters, marketParameters) = ParamsReader(diagnostics: diagnostics)
            .read(reader.optional("params"), preset: preset ?? .default, market: market)
        let catalog = CatalogReader(diagnostics: diagnostics).read(reader.optional("catalog"))
        let context = LoadContext(diagnostics: diagnostics, parameters: parameters, catalog: catalog)
        context.days = days
        context.market = market

        let entities = EntityReaders(context: context)
        let users = elements(reader.optional("users")).compactMap(entities.user)
        let groups = elements(reader.optional("user_groups")).compactMap(entities.userGroup)
        var providers: [ProviderSpec] = []
        for element in elements(reader.optional("providers")) {
            guard let object = diagnostics.object(element, context: "provider") else { continue }
            let counted = context.providersInAll.add(1, at: element, diagnostics: diagnostics)
            if let provider = entities.provider(object), counted { providers.append(provider) }
            object.finish()
        }
        let populationFields = elements(reader.optional("populations"))
        let populations = populationFields.map(entities.population)
        let generators = elements(reader.optional("task_generators")).compactMap(entities.taskGenerator)
        var scriptReader = ScriptReader(context: context)
        var script: [ScriptOperation] = []
        for (index, element) in elements(reader.optional("script")).enumerated() {
            if let op = scriptReader.read(element, index: index) { script.append(op) }
        }
        let expect = reader.optional("expect").map { ExpectReader(context: context).read($0) } ?? Expectations()
        reader.finish()

        // Resolution step 3: expansions, then the semantic checks of §5.2.
        let seedValue = seedOverride ?? UInt64(seed ?? 0)
        let genesisRule = parameters.requirementRule(cBase: parameters.decimal("collateral.c_base"))
        var generated: [ProviderSpec] = []
        for (index, population) in populations.enumerated() {
            guard let population else { continue }
            do {
                generated += try PopulationExpansion.expand(population, populationIndex: index, seed: seedValue,
                                                            catalog: catalog, requirement: genesisRule)
            } catch {
                diagnostics.report(.range, populationFields[index], "population requirement overflows 128 bits")
            }
            if let prefixField = ObjectReaderLookup.field(populationFields[index], "prefix") {
                for provider in generated.suffix(Int(population.count)) {
                    context.providerDefinitions.append((provider.id, prefixField))
                    context.providerKinds[provider.id] = provider.kind
                }
            }
        }
        let checks = SemanticChecks(context: context, root: root)
        checks.run(script: script, outcomes: scriptReader.outcomes, users: users, groups: groups,
                   genesisProviders: providers + generated, populations: populations.compactMap { $0 },
                   generators: generators)
        let expandedUsers = users + groups.flatMap { group in
            (0..<group.count).map {
                UserAccount(id: PopulationExpansion.id(prefix: group.prefix, ordinal: $0, count: group.count),
                            balanceAtto: group.balanceAtto)
            }
        }
        let groupCounts = Dictionary(groups.map { ("group:" + $0.prefix, $0) }, uniquingKeysWith: { first, _ in first })
        let resolvedGenerators = generators.map { generator -> TaskGenerator in
            var resolved = generator
            resolved.users = GeneratorUsers(generator.users.parts.map { part in
                guard case .user(let name) = part, let group = groupCounts[name] else { return part }
                return .group(prefix: group.prefix, count: group.count)
            })
            return resolved
        }
        guard let name, let days, preset != nil, diagnostics.errors.isEmpty else { return nil }
        return Scenario(name: name, description: description, seed: seedValue, days: days, parameters: parameters,
                        catalog: catalog, users: expandedUsers, userGroups: groups, providers: providers + generated,
                        populations: populations.compactMap { $0 }, taskGenerators: resolvedGenerators,
                        script: script, expect: expect, market: marketParameters)
    }

    private func elements(_ value: Located?) -> [Located] {
        guard let value else { return [] }
        return diagnostics.array(value) ?? []
    }
}

/// Looks up a member of an object node without going through a reader (no error reporting).
enum ObjectReaderLookup {
    static func field(_ value: Located, _ key: String) -> Located? {
        guard case .object(let members) = value.node.value,
              let member = members.first(where: { $0.key == key }) else { return nil }
        return Located(node: member.value, path: value.path.key(key))
    }
}
