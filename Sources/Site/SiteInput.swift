public import Credentials
public import Foundation
public import PassportModel
public import DigitalLink

/// Everything the site is rendered from: the validated project plus facts about its signed credentials.
///
/// The inputs are plain values on purpose: the pipeline issues and signs the credentials, then hands
/// the site their paths, digests and key material, so the page and the credential cannot disagree.
public struct SiteInput: Sendable {
    /// The validated project the credentials were issued from.
    public var project: Project
    /// The build day (from `SOURCE_DATE_EPOCH` in the pipeline); certificate status is computed for it.
    public var today: CalendarDate
    /// The producer's DID, e.g. `did:web:oliveto.example`.
    public var issuerDID: String
    /// The producer's public keys, the signing key first.
    public var keys: [SiteKey]
    /// Proof facts per batch id.
    public var batchProofs: [String: BatchProof]
    /// Proof facts per certificate id.
    public var certificateProofs: [String: CertificateProof]
    /// The project's `templates/site` folder; a file there replaces the shipped file of the same name.
    public var templatesOverride: URL?
    /// The shipped `Templates/site` folder.
    public var templatesDirectory: URL
    /// The bundled base map (`Templates/map`) journey maps are drawn on.
    public var mapDirectory: URL
    /// The bundled web fonts (`Fonts/web`) a brand's typeface is copied from.
    public var webFontsDirectory: URL
    /// At most this many per-unit landing pages are written per batch; units beyond it are still
    /// resolved by `404.html` on hosts that serve it (see docs/site.md).
    public var unitPageLimit: Int

    /// Creates the input; `unitPageLimit` defaults to 100,000 landing pages per batch. The base map
    /// and web fonts default to their bundled places beside `templatesDirectory` (`Templates/site`):
    /// `Templates/map` and `Fonts/web`.
    public init(project: Project, today: CalendarDate, issuerDID: String, keys: [SiteKey],
                batchProofs: [String: BatchProof], certificateProofs: [String: CertificateProof],
                templatesOverride: URL?, templatesDirectory: URL, mapDirectory: URL? = nil,
                webFontsDirectory: URL? = nil, unitPageLimit: Int = 100_000) {
        self.project = project
        self.today = today
        self.issuerDID = issuerDID
        self.keys = keys
        self.batchProofs = batchProofs
        self.certificateProofs = certificateProofs
        self.templatesOverride = templatesOverride
        self.templatesDirectory = templatesDirectory
        let bundled = templatesDirectory.deletingLastPathComponent()
        self.mapDirectory = mapDirectory ?? bundled.appendingPathComponent("map")
        self.webFontsDirectory = webFontsDirectory
            ?? bundled.deletingLastPathComponent().appendingPathComponent("Fonts/web")
        self.unitPageLimit = unitPageLimit
    }
}

/// A public key of the producer as shown on the proof section and used by the in-page check.
public struct SiteKey: Sendable, Hashable {
    /// The local key id, e.g. `main`.
    public var id: String
    /// The DID URL the credential header names as `kid`, e.g. `did:web:oliveto.example#main`.
    public var didURL: String
    /// The Multikey form, `z6Mk…`.
    public var multibase: String
    /// A short fingerprint people can compare by eye, e.g. `3f2a 91c0 7be4 0d15`.
    public var fingerprint: String
    /// The 32 raw Ed25519 public key bytes, base64url without padding, for WebCrypto.
    public var rawBase64URL: String

    /// Creates a key description.
    public init(id: String, didURL: String, multibase: String, fingerprint: String, rawBase64URL: String) {
        self.id = id
        self.didURL = didURL
        self.multibase = multibase
        self.fingerprint = fingerprint
        self.rawBase64URL = rawBase64URL
    }
}

/// The signed passport of one batch, as written next to its page. The page's check fetches
/// `jwtPath` from the same origin, so it checks the very file others download and pages stay light.
public struct BatchProof: Sendable, Hashable {
    /// Site-relative URL path of the compact JWS, e.g. `01/08012345678901/10/L1/dpp.jwt`
    /// (percent-encoded as `SiteLayout.batchURLPath` gives it; a plain file path works too).
    public var jwtPath: String
    /// Site-relative URL path of the decoded credential JSON.
    public var jsonPath: String
    /// The compact JWS text. Not embedded in the page (it would double the page's weight); kept so the
    /// caller can hand it over and later renderers may use it.
    public var jws: String
    /// SHA-256 of the JWS bytes, 64 lower-case hex characters.
    public var jwtSHA256: String
    /// The signed passport, read back through the typed model: the page takes the credential's
    /// facts it shows (its status entries, the link to its traceability events) from here.
    public var passport: ProductPassport?

    /// Creates a batch proof.
    public init(jwtPath: String, jsonPath: String, jws: String = "", jwtSHA256: String, passport: ProductPassport? = nil) {
        self.jwtPath = jwtPath
        self.jsonPath = jsonPath
        self.jws = jws
        self.jwtSHA256 = jwtSHA256
        self.passport = passport
    }
}

/// The conformity credential that backs one certificate.
public struct CertificateProof: Sendable, Hashable {
    /// Site-relative URL path of the DCC compact JWS.
    public var jwtPath: String
    /// Site-relative URL path of the decoded DCC JSON.
    public var jsonPath: String
    /// True when the certifier signed it; false when the producer self-declares it.
    public var signedByCertifier: Bool
    /// The certifier's key (`z6Mk…`) when it signed.
    public var certifierKeyMultibase: String?
    /// The signed conformity credential, read back through the typed model.
    public var credential: ConformityCredential?

    /// Creates a certificate proof.
    public init(jwtPath: String, jsonPath: String, signedByCertifier: Bool, certifierKeyMultibase: String?,
                credential: ConformityCredential? = nil) {
        self.jwtPath = jwtPath
        self.jsonPath = jsonPath
        self.signedByCertifier = signedByCertifier
        self.certifierKeyMultibase = certifierKeyMultibase
        self.credential = credential
    }
}

/// What `SiteBuilder.write(to:)` produced.
public struct SiteReport: Sendable, Hashable {
    /// Every file written, relative to the site folder, sorted.
    public var files: [String]
    /// HTML pages written (every language), unit landing pages excluded.
    public var pageCount: Int
    /// Per-unit landing pages written.
    public var unitPageCount: Int
    /// Batch ids whose units were more than `unitPageLimit`: their later units resolve only through `404.html`.
    public var cappedBatches: [String]
    /// The largest page plus its stylesheets, in bytes (the budget is 80 KB).
    public var largestPageBytes: Int
    /// Path of that page.
    public var largestPage: String
}
