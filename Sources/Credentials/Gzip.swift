internal import CZlib
public import Foundation

/// GZIP (RFC 1952) through zlib: the compression Bitstring Status Lists use for `encodedList`.
///
/// All zlib calls of the project live here. Output is reproducible: the header carries no time
/// and the "unknown" operating system (255), so the same bytes come out on every platform.
public enum Gzip {
    /// Compresses `data` (zlib level 9).
    /// - Throws: `CredentialError.compression` if zlib refuses (out of memory).
    public static func compress(_ data: Data) throws(CredentialError) -> Data {
        var stream = z_stream()
        var status = deflateInit2_(&stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, zlibVersion(),
                                   Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .compression(reason: "zlib could not start compressing (\(status))") }
        defer { deflateEnd(&stream) }
        var header = gz_header()
        header.os = 255
        status = deflateSetHeader(&stream, &header)
        guard status == Z_OK else { throw .compression(reason: "zlib refused the GZIP header (\(status))") }
        let bound = Int(deflateBound(&stream, uLong(data.count))) + 64
        var output = [UInt8](repeating: 0, count: bound)
        var input = [UInt8](data)
        let produced: Int = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                status = deflate(&stream, Z_FINISH)
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END else { throw .compression(reason: "zlib could not finish compressing (\(status))") }
        return Data(output.prefix(produced))
    }

    /// Decompresses one GZIP member, refusing output larger than `limit` bytes (a list that
    /// inflates without bound would exhaust memory; 16 MiB holds 134 million entries).
    /// - Throws: `CredentialError.compression` for data that is not GZIP, is damaged or too large.
    public static func decompress(_ data: Data, limit: Int = 16 << 20) throws(CredentialError) -> Data {
        guard data.count >= 18, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else {
            throw .compression(reason: "it is not GZIP data")
        }
        var stream = z_stream()
        var status = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .compression(reason: "zlib could not start decompressing (\(status))") }
        defer { inflateEnd(&stream) }
        var input = [UInt8](data)
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var failure: CredentialError?
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return chunkBuffer.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    failure = .compression(reason: "the GZIP data is damaged (zlib \(status))")
                    return
                }
                guard output.count + produced <= limit else {
                    failure = .compression(reason: "it expands to more than \(limit) bytes")
                    return
                }
                output.append(contentsOf: chunk.prefix(produced))
                if status == Z_OK, produced == 0, stream.avail_in == 0 {
                    failure = .compression(reason: "the GZIP data ends early")
                    return
                }
            } while status != Z_STREAM_END
        }
        if let failure { throw failure }
        return output
    }
}
