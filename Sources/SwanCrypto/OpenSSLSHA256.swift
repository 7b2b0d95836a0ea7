import COpenSSL
import SwanCore

/// SHA-256 through OpenSSL's EVP interface (libcrypto).
///
/// The digest algorithm is fetched once and one context is reused for every hash, as the
/// OpenSSL 3 guide recommends for repeated digests (`EVP_MD_fetch`, `EVP_DigestInit_ex`):
/// fetching per call costs a provider lookup each time. Not thread-safe: one per thread.
/// OpenSSL failures on a fetched SHA-256 context cannot happen short of memory corruption,
/// so they stop the process rather than burden every hash with a throw.
public final class OpenSSLSHA256: SHA256Hashing {
    private let algorithm: OpaquePointer
    private let context: OpaquePointer

    /// Why OpenSSL could not provide SHA-256.
    public enum Failure: Error, Equatable, Sendable {
        case unavailable(String)
    }

    public init() throws(Failure) {
        guard let algorithm = EVP_MD_fetch(nil, "SHA256", nil) else {
            throw .unavailable("EVP_MD_fetch(SHA256) failed")
        }
        guard let context = EVP_MD_CTX_new() else {
            EVP_MD_free(algorithm)
            throw .unavailable("EVP_MD_CTX_new failed")
        }
        self.algorithm = algorithm
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
        EVP_MD_free(algorithm)
    }

    public func begin() {
        guard EVP_DigestInit_ex(context, algorithm, nil) == 1 else { fatalError("EVP_DigestInit_ex failed") }
    }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else { fatalError("EVP_DigestUpdate failed") }
    }

    public func finish() -> Digest32 {
        var output: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var length: UInt32 = 0
        let finished = withUnsafeMutableBytes(of: &output) { buffer in
            EVP_DigestFinal_ex(context, buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
        }
        guard finished == 1, length == 32 else { fatalError("EVP_DigestFinal_ex failed") }
        return withUnsafeBytes(of: &output) { Digest32(raw: $0) }
    }
}
