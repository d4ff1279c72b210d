package dev.outboxref.post.userdirectory;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * A client span per gRPC call (OpenTelemetry RPC semantic conventions) whose context travels in the
 * call's metadata as W3C {@code traceparent}: Liberty does not propagate trace context over a gRPC
 * channel the application builds itself.
 */
final class GrpcClientTracing implements ClientInterceptor {

  private static final TextMapSetter<Metadata> METADATA =
      (metadata, key, value) ->
          metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final String serverAddress;
  private final int serverPort;

  GrpcClientTracing(OpenTelemetry openTelemetry, String serverAddress, int serverPort) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("dev.outboxref.post.userdirectory");
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
  }

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(
      MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
    Span span =
        tracer
            .spanBuilder(method.getFullMethodName())
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("rpc.system", "grpc")
            .setAttribute("rpc.service", method.getServiceName())
            .setAttribute("rpc.method", method.getBareMethodName())
            .setAttribute("server.address", serverAddress)
            .setAttribute("server.port", (long) serverPort)
            .startSpan();
    Context context = Context.current().with(span);
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<A> listener, Metadata headers) {
        openTelemetry.getPropagators().getTextMapPropagator().inject(context, headers, METADATA);
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                span.setAttribute("rpc.grpc.status_code", (long) status.getCode().value());
                if (!status.isOk()) {
                  span.setStatus(StatusCode.ERROR, status.getCode().name());
                }
                span.end();
                super.onClose(status, trailers);
              }
            },
            headers);
      }

      @Override
      public void cancel(String message, Throwable cause) {
        span.setStatus(StatusCode.ERROR, "cancelled");
        super.cancel(message, cause);
      }
    };
  }
}
