import Dispatch
import Foundation
import QRCode

/// Turns label numbers into prepared labels: calls the caller's content closure, encodes and
/// plans the code, lays out the text, and writes per-label PNG and SVG files. Safe to use from
/// many threads at once; each call works on its own chunk of labels.
final class LabelPreparer: Sendable {
    let composer: LabelComposer
    let fonts: FontSet
    let errorCorrection: QRErrorCorrection
    let count: Int
    let content: @Sendable (Int) throws -> LabelContent
    let pngDirectory: URL?
    let svgDirectory: URL?
    private let names = FileNameRegistry()

    init(composer: LabelComposer, fonts: FontSet, errorCorrection: QRErrorCorrection, count: Int,
         content: @escaping @Sendable (Int) throws -> LabelContent, pngDirectory: URL?, svgDirectory: URL?) {
        self.composer = composer
        self.fonts = fonts
        self.errorCorrection = errorCorrection
        self.count = count
        self.content = content
        self.pngDirectory = pngDirectory
        self.svgDirectory = svgDirectory
    }

    func prepare(_ labels: Range<Int>) -> Result<[PreparedLabel], LabelError> {
        var prepared: [PreparedLabel] = []
        prepared.reserveCapacity(labels.count)
        var fixed: Artwork?
        do {
            for index in labels {
                let label = try prepare(index, reusing: &fixed)
                try writeFiles(label)
                prepared.append(label)
            }
            return .success(prepared)
        } catch {
            return .failure(error)
        }
    }

    private func prepare(_ index: Int, reusing fixed: inout Artwork?) throws(LabelError) -> PreparedLabel {
        let content: LabelContent
        do {
            content = try self.content(index)
        } catch let error as LabelError {
            throw error
        } catch {
            throw .contentFailed(label: index + 1, reason: "\(error)")
        }
        let symbol: QRMatrix
        do {
            symbol = try QRMatrix(encoding: content.codeText, errorCorrection: errorCorrection)
        } catch {
            throw .codeEncodingFailed(label: index + 1, reason: error)
        }
        let placement = try QRPlacement.plan(symbol, text: content.codeText, template: composer.template, label: index + 1)
        let key = composer.fixedKey(content)
        let artwork: Artwork
        if let reused = fixed, reused.key == key {
            artwork = reused
        } else {
            artwork = composer.artwork(content, variable: false, key: key)
            fixed = artwork
        }
        return PreparedLabel(index: index, serial: content.serial, codeText: content.codeText, symbol: symbol,
                             placement: placement, fixed: artwork,
                             variable: composer.artwork(content, variable: true, key: ""))
    }

    private func writeFiles(_ label: PreparedLabel) throws(LabelError) {
        guard pngDirectory != nil || svgDirectory != nil else { return }
        let name = try names.claim(label: label, count: count)
        if let pngDirectory {
            try PNGLabelWriter.write(label, template: composer.template, fonts: fonts,
                                     to: pngDirectory.appendingPathComponent(name + ".png").path)
        }
        if let svgDirectory {
            try SVGLabelWriter.write(label, template: composer.template, fonts: fonts,
                                     to: svgDirectory.appendingPathComponent(name + ".svg").path)
        }
    }
}

/// Per-label file names: `label-<serial>` (unsafe characters replaced) or `label-<number>`;
/// refuses a name twice, since the second file would overwrite the first.
final class FileNameRegistry: @unchecked Sendable {  // all state behind `lock`
    private let lock = NSLock()
    private var used: Set<String> = []

    func claim(label: PreparedLabel, count: Int) throws(LabelError) -> String {
        let name: String
        if let serial = label.serial, !serial.isEmpty {
            let safe = serial.unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": Character(scalar)
                default: "_"
                }
            }
            name = "label-" + String(safe)
        } else {
            let digits = String(count).count
            let number = String(label.index + 1)
            name = "label-" + String(repeating: "0", count: max(0, digits - number.count)) + number
        }
        lock.lock()
        let (inserted, _) = used.insert(name)
        lock.unlock()
        guard inserted else { throw .duplicateSerial(label.serial ?? name) }
        return name
    }
}

/// Prepares labels a window at a time on all cores, one window ahead of the caller, and hands
/// them out chunk by chunk in label order.
final class LabelPipeline {
    private let preparer: LabelPreparer
    private let count: Int
    private let chunkSize: Int
    private let chunksPerWindow: Int
    private var nextLabel = 0
    private var pending: WindowJob?
    private var ready: ArraySlice<Result<[PreparedLabel], LabelError>> = []

    init(preparer: LabelPreparer, count: Int) {
        self.preparer = preparer
        self.count = count
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        chunkSize = min(256, max(8, count / (cores * 4)))
        chunksPerWindow = 2 * cores
    }

    /// The next chunk of prepared labels, nil when all are done.
    func next() throws(LabelError) -> [PreparedLabel]? {
        if ready.isEmpty {
            guard let job = pending ?? startWindow() else { return nil }
            ready = job.wait()[...]
            pending = startWindow()
        }
        guard let result = ready.popFirst() else { return nil }
        return try result.get()
    }

    /// Waits for background work still running (before outputs are discarded).
    func waitForPending() {
        _ = pending?.wait()
        pending = nil
    }

    private func startWindow() -> WindowJob? {
        guard nextLabel < count else { return nil }
        var chunks: [Range<Int>] = []
        while chunks.count < chunksPerWindow && nextLabel < count {
            let end = min(nextLabel + chunkSize, count)
            chunks.append(nextLabel..<end)
            nextLabel = end
        }
        let job = WindowJob(chunks: chunks.count)
        let preparer = self.preparer
        let work = chunks
        DispatchQueue.global(qos: .userInitiated).async {
            DispatchQueue.concurrentPerform(iterations: work.count) { index in
                job.store(preparer.prepare(work[index]), at: index)
            }
            job.finish()
        }
        return job
    }
}

/// One window's results: each slot written by exactly one worker; read only after `finish()`
/// has been signalled and waited for, which orders the writes before the reads.
final class WindowJob: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<[PreparedLabel], LabelError>?>
    private let done = DispatchSemaphore(value: 0)
    private var collected: [Result<[PreparedLabel], LabelError>]?

    init(chunks: Int) {
        slots = .allocate(capacity: chunks)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ result: Result<[PreparedLabel], LabelError>, at index: Int) {
        slots[index] = result
    }

    func finish() { done.signal() }

    /// Blocks until the window is prepared (once; later calls return the same results).
    func wait() -> [Result<[PreparedLabel], LabelError>] {
        if let collected { return collected }
        done.wait()
        let all = slots.map { $0 ?? .failure(.renderingFailed(stage: "preparing labels", reason: "a chunk was lost")) }
        collected = all
        return all
    }
}
