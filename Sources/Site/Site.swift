// Placeholder until the Site module lands.
enum SiteNamespace {}
