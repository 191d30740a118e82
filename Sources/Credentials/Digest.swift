import Crypto
public import Foundation

/// SHA-256 digests as lower-case hex, the form records and credentials carry.
public enum SHA256Digest {
    public static func hex<D: DataProtocol>(_ data: D) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
