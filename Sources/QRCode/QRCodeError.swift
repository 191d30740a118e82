/// Why a QR code could not be made.
public enum QRCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data needs more capacity than a version 40 symbol has at this error correction level
    /// (libqrencode: `ERANGE`).
    case inputTooLong(byteCount: Int, errorCorrection: QRErrorCorrection)
    /// The text cannot be encoded as given, for example it contains a NUL character or is empty
    /// (libqrencode: `EINVAL`).
    case invalidInput(reason: String)
    /// The requested minimum version is outside 1…40.
    case invalidVersion(Int)
    /// The encoder could not allocate memory (libqrencode: `ENOMEM`).
    case outOfMemory
    /// libqrencode failed for another reason: the C error number it left and its text (`strerror`).
    case encoderFailed(errno: Int32, message: String)

    public var description: String {
        switch self {
        case let .inputTooLong(count, level):
            return "The text is too long for a QR code: \(count) bytes do not fit even the largest "
                + "symbol (version 40) at error correction \(level). Shorten the text or use a lower "
                + "error correction level."
        case let .invalidInput(reason):
            return "The text cannot be put in a QR code: \(reason)."
        case let .invalidVersion(version):
            return "QR version \(version) does not exist; versions run from 1 to 40."
        case .outOfMemory:
            return "The QR encoder ran out of memory."
        case let .encoderFailed(code, message):
            return "The QR encoder (libqrencode) failed: \(message) (error \(code))."
        }
    }
}
