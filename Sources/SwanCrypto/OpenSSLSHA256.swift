import COpenSSL
import SwanCore

/// SHA-256 through OpenSSL's EVP interface (libcrypto).
///
/// The digest algorithm is fetched once and one context is reused for every hash, as the
/// OpenSSL 3 guide recommends for repeated digests (`EVP_MD_fetch`, `EVP_DigestInit_ex`):
/// fetching per call costs a provider lookup each time. Not thread-safe: one per thread.
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

    public func digest(_ parts: [UInt8]...) -> Digest32 {
        guard EVP_DigestInit_ex(context, algorithm, nil) == 1 else { fatalError("EVP_DigestInit_ex failed") }
        for part in parts {
            let ok = part.withUnsafeBytes { buffer in
                EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
            }
            guard ok == 1 else { fatalError("EVP_DigestUpdate failed") }
        }
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let finished = output.withUnsafeMutableBufferPointer { buffer in
            EVP_DigestFinal_ex(context, buffer.baseAddress, &length)
        }
        guard finished == 1, length == 32 else { fatalError("EVP_DigestFinal_ex failed") }
        return Digest32(bytes: output)
    }
}
