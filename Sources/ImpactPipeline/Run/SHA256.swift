import CCrypto

/// SHA-256 (FIPS 180-4), streaming: `update` with chunks, then `finalize`.
/// Used to fingerprint each input file in a fact sheet's provenance. The
/// digest is OpenSSL's (libcrypto's EVP interface), which uses the CPU's SHA
/// instructions where there are any: about ten times our own Swift loop's
/// speed, and this runs over every input byte of every run.
final class SHA256 {
    private let context: OpaquePointer?

    init() {
        context = EVP_MD_CTX_new()
        if let context { EVP_DigestInit_ex(context, EVP_sha256(), nil) }
    }

    deinit { EVP_MD_CTX_free(context) }

    func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            _ = EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        }
    }

    /// The digest as 64 lowercase hex digits; nil if libcrypto could not make one.
    func finalize() -> String? {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard let context, EVP_DigestFinal_ex(context, &digest, &length) == 1, length == 32 else { return nil }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The digest of `bytes` at once.
    static func hex<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        let hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
