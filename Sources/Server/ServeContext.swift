internal import Hummingbird
internal import NIOCore

/// The request context of `passport serve`: Hummingbird's core, plus the client's address for
/// rate limits and logs.
struct ServeContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
