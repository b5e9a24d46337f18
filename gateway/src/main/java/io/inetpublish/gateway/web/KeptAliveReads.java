package io.inetpublish.gateway.web;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;

/**
 * A kept-alive connection that stopped reading (issue 22, the gateway ITs' request that waited 30 s). Reactor Netty
 * 1.3.6 reads a client's connection on demand, and re-arms the read when an exchange ends. When the next request was
 * already waiting in its queue (sent before the previous exchange had ended, with the empty end of its body behind
 * it) and is answered at once (a 400, 401, 404 the gateway writes itself, without a service), the queue is drained
 * without a read being asked for: the connection reads nothing more, and the client's next request on it is never
 * answered (no idle timeout either; it waits until the client gives up). Reactor Netty 1.3.8 fixes it ("Resume the
 * read when the pipelined queue drains without a request", reactor-netty#4347, #4361); Spring Boot 4.0.7 brings 1.3.6.
 * Until the gateway runs on a fixed Reactor Netty: after every exchange ends, once the queue has been handled, a
 * connection with no exchange and no read asked for gets one ({@code KeptAliveReadsIT} shows the stall without it).
 * A read asked for twice is harmless: the next bytes are read once.
 */
@Configuration(proxyBeanMethods = false)
class KeptAliveReads {

    @Bean
    NettyServerCustomizer resumeKeptAliveReads(
            @Value("${inetpublish.gateway.resume-kept-alive-reads:true}") boolean resume) {
        return server -> !resume ? server : server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpTrafficHandler, "inetpublish.resumeRead", RESUME);
            }
        });
    }

    private static final ResumeRead RESUME = new ResumeRead();

    @ChannelHandler.Sharable
    static final class ResumeRead extends ChannelInboundHandlerAdapter {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            // the event Reactor Netty fires when an exchange's operations have ended (a package-private class)
            if ("HttpServerOperationsTerminatedEvent".equals(event.getClass().getSimpleName())) {
                // after the tasks the traffic handler has queued for its pipelined requests
                ctx.executor().execute(() -> {
                    Channel channel = ctx.channel();
                    if (channel.isActive() && !channel.config().isAutoRead()
                            && ChannelOperations.get(channel) == null) {
                        ctx.read();
                    }
                });
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
