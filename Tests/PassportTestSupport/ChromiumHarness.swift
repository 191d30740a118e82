public import Foundation

/// Loads pages in headless Chromium over the DevTools protocol — a built site served by
/// `python3 -m http.server` on 127.0.0.1, or a server already running on loopback (`passport
/// serve`) — and reports console errors, every request, values of JavaScript expressions, and
/// screenshots. A visit may also inject a script before the page's own, use Chromium's fake
/// camera, and click, type and wait as a person would.
///
/// The driver is Python 3 (standard library only) in `chromium/` beside this file: `harness.py`
/// runs the visits, `devtools.py` speaks the protocol.
public enum ChromiumHarness {
    public static let chromium = "/usr/bin/chromium"
    /// Whether Chromium is installed (`scripts/setup.sh` installs it); Chromium tests are not run without it.
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: chromium)
    }

    /// One page load, with what to do on it and what to read from it.
    public struct Visit: Encodable, Sendable {
        public var path: String
        public var width: Int
        public var height: Int
        public var mobile: Bool
        public var screenshot: String?
        /// Expressions evaluated after the steps (promises awaited), by the name their value is reported under.
        public var evaluate: [String: String]
        /// Reader languages (`navigator.languages`), e.g. "it-IT,it"; nil keeps Chromium's.
        public var acceptLanguage: String? = nil
        /// Emulated `prefers-color-scheme` (`dark`), `prefers-reduced-motion` (`reduce`) and media type (`print`).
        public var colorScheme: String? = nil
        public var reducedMotion: String? = nil
        public var media: String? = nil
        /// Load the page from the foreign origin (`Job.foreign`) instead of the site's.
        public var foreign: Bool = false
        /// Run axe-core (`Job.axe`) on the page; its serious and critical violations land in `values["axe"]`.
        public var axe: Bool = false
        /// Scripts run in every document of this visit before the page's own
        /// (`Page.addScriptToEvaluateOnNewDocument`): stand-ins for what headless Chromium lacks.
        public var beforeScripts: [String] = []
        /// The visit needs a camera: Chromium then starts with its fake camera (a moving test
        /// pattern) and answers yes to the permission prompt, for every visit of the run.
        public var camera: Bool = false
        /// What to do once the page has loaded, in order; the first that fails stops the rest
        /// (`Result.stepFailure` says which and why).
        public var steps: [Step] = []

        public init(path: String, width: Int, height: Int, mobile: Bool, screenshot: String? = nil,
                    evaluate: [String: String] = [:]) {
            self.path = path
            self.width = width
            self.height = height
            self.mobile = mobile
            self.screenshot = screenshot
            self.evaluate = evaluate
        }
    }

    /// An action on a loaded page.
    public struct Step: Encodable, Sendable {
        var click: String?
        var type: String?
        var until: String?
        var timeout: Double?

        /// A left click with the mouse in the middle of the element `selector` finds; fails if there
        /// is none, or it is not shown, or another element covers it.
        public static func click(_ selector: String) -> Step { Step(click: selector) }
        /// Types `text` into the element that has the focus.
        public static func type(_ text: String) -> Step { Step(type: text) }
        /// Waits until `expression` is true. The timeout is a safety net for a page that never gets
        /// there (the step then fails), not a speed limit.
        public static func wait(until expression: String, timeout seconds: Double = 30) -> Step {
            Step(until: expression, timeout: seconds)
        }
    }

    /// A page of another site (a web shop) served from a second loopback port with its own
    /// Content-Security-Policy header; `{{SITE}}` in either stands for the passport site's origin.
    public struct Foreign: Encodable, Sendable {
        public var path: String
        public var html: String
        public var csp: String

        public init(path: String, html: String, csp: String) {
            self.path = path
            self.html = html
            self.csp = csp
        }
    }

    /// What one visit saw.
    public struct Result: Decodable, Sendable {
        public var path: String
        public var finalURL: String
        /// `http://127.0.0.1:PORT` the pages came from.
        public var origin: String
        /// Console errors and warnings, uncaught exceptions, log errors.
        public var problems: [String]
        /// Every URL the page requested, in order.
        public var requests: [String]
        public var values: [String: String]
        /// The shop's origin, for a visit to the foreign page.
        public var foreignOrigin: String?
        /// The first step that failed and why; nil when all ran.
        public var stepFailure: String?
    }

    struct Job: Encodable {
        var chromium: String
        var site: String?
        var origin: String?
        var visits: [Visit]
        var serve404: Bool
        var foreign: Foreign?
        var axe: String?
    }

    /// Visits pages of the site in folder `site`, served for the run on a free loopback port.
    ///
    /// - Parameter serve404: serve `404.html` for missing files, as GitHub Pages or nginx's
    ///   `error_page` do (`python3 -m http.server` answers a bare error page).
    public static func run(site: URL, visits: [Visit], serve404: Bool = false, foreign: Foreign? = nil) throws -> [Result] {
        try run(Job(chromium: chromium, site: site.path, visits: visits, serve404: serve404, foreign: foreign))
    }

    /// Visits pages of a server that is already running, e.g. `http://127.0.0.1:PORT` of a `passport serve`.
    public static func run(origin: String, visits: [Visit]) throws -> [Result] {
        try run(Job(chromium: chromium, origin: origin, visits: visits, serve404: false))
    }

    private static func run(_ job: Job) throws -> [Result] {
        var job = job
        job.axe = job.visits.contains(where: \.axe) ? AxeCore.script?.path : nil
        let input = try JSONEncoder().encode(job)
        // -B: no __pycache__ in the checkout.
        let result = try ExternalTool.run("python3", ["-B", driver.path], input: input)
        guard result.status == 0 else {
            throw HarnessError(message: result.stderr)
        }
        return try JSONDecoder().decode([Result].self, from: result.stdoutData)
    }

    static let driver = Checkout.path("Tests/PassportTestSupport/chromium/harness.py")

    public struct HarnessError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "Chromium harness failed: \(message)" }
    }
}
