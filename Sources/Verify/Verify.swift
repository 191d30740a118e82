// Placeholder until the Verify module lands.
enum VerifyNamespace {}
