internal import Credentials
internal import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import NIOConcurrencyHelpers
internal import ServiceLifecycle

/// How a page in the live preview learns that the site was rebuilt: a tiny same-origin script
/// (added to HTML pages in preview only) long-polls `/__passport/changes?since=N` and reloads the
/// page when the site's generation moves on, or shows the build's error while it fails.
final class PreviewChannel: Sendable {
    static let prefix = "/__passport/"
    /// The tag added before `</head>` of every page in preview, naming the site generation the
    /// page comes from.
    static func tag(generation: Int) -> String {
        "<script src=\"/__passport/preview.js\" data-generation=\"\(generation)\" defer></script>"
    }
    /// How long one poll waits for a change before answering "no change".
    static let pollWindow: Duration = .seconds(25)

    private struct State {
        /// Moves on with every rebuild, good or failed: what polls wait on.
        var version: Int
        /// The site generation pages were rendered from.
        var generation: Int
        var error: String?
    }

    private let state: NIOLockedValueBox<State>

    init(generation: Int) { state = NIOLockedValueBox(State(version: 0, generation: generation)) }

    /// Tells waiting pages about a rebuild (or a failed one, with its message).
    func publish(generation: Int, error: String?) {
        state.withLockedValue { $0 = State(version: $0.version + 1, generation: generation, error: error) }
    }

    func respond(to request: Request) async -> Response {
        switch request.uri.path {
        case "/__passport/preview.js":
            var headers: HTTPFields = [:]
            headers[.contentType] = "text/javascript; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: Answers.body(Self.script))
        case "/__passport/changes":
            let since = request.uri.queryParameters["since"].flatMap { Int($0) } ?? -1
            let deadline = ContinuousClock.now + Self.pollWindow
            var current = state.withLockedValue { $0 }
            // A short sleep loop: preview has one or two readers; it ends at once on shutdown.
            while current.version == since && ContinuousClock.now < deadline && !Task.isShuttingDownGracefully {
                do { try await Task.sleep(for: .milliseconds(100)) } catch { break }
                current = state.withLockedValue { $0 }
            }
            var body: [String: JSONValue] = ["version": .int(current.version), "generation": .int(current.generation)]
            if let error = current.error { body["error"] = .string(error) }
            var headers: HTTPFields = [:]
            headers[.cacheControl] = "no-store"
            return Answers.json(.ok, .object(body), headers: headers)
        default:
            return Answers.text(.notFound, "There is nothing at this address.")
        }
    }

    /// The reload script: remembers the generation it was loaded with, polls, reloads on change.
    static let script = """
        // passport serve --watch: reloads this page when the site is rebuilt (preview only).
        (function () {
          'use strict';
          var me = document.currentScript, version = -1, banner = null;
          var loaded = me && me.dataset.generation ? Number(me.dataset.generation) : null;
          function show(message) {
            if (!banner) {
              banner = document.createElement('pre');
              banner.setAttribute('role', 'alert');
              banner.style.cssText = 'position:fixed;left:0;right:0;bottom:0;margin:0;padding:1em;max-height:40vh;overflow:auto;background:#a0141e;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap;z-index:2147483647';
              document.body.appendChild(banner);
            }
            banner.textContent = 'passport build failed — the page shows the last good build.\\n\\n' + message;
          }
          function poll() {
            fetch('/__passport/changes?since=' + version, { cache: 'no-store' })
              .then(function (response) { return response.json(); })
              .then(function (state) {
                if (loaded === null) loaded = state.generation;
                if (state.generation !== loaded) { location.reload(); return; }
                version = state.version;
                if (state.error) { show(state.error); } else if (banner) { banner.remove(); banner = null; }
                poll();
              })
              .catch(function () { setTimeout(poll, 1000); });
          }
          poll();
        })();

        """
}
