using k8s.Models;

namespace Platform.Deploy.Tests;

/// <summary>The gateway is the only public entry (DESIGN.md rule 5).</summary>
public sealed class IngressTests
{
    [Fact]
    public void Only_the_gateway_has_an_Ingress_for_REST_and_one_for_gRPC()
    {
        var chart = RenderedChart.Render(ChartValues.Production);

        var rest = chart.Named<V1Ingress>("gateway");
        var grpc = chart.Named<V1Ingress>("gateway-grpc");
        Assert.Equal(2, chart.All<V1Ingress>().Count());
        Assert.Equal(("gateway", "http"), Backend(rest));
        Assert.Equal(("gateway", "grpc"), Backend(grpc));
        Assert.Equal("GRPC", grpc.Metadata.Annotations["nginx.ingress.kubernetes.io/backend-protocol"]);
        Assert.Equal("platform-county-tls", Assert.Single(rest.Spec.Tls).SecretName);
    }

    [Fact]
    public void By_default_the_gateway_has_its_REST_Ingress_only()
    {
        var chart = RenderedChart.Render(ChartValues.Default);

        Assert.Equal(("gateway", "http"), Backend(Assert.Single(chart.All<V1Ingress>())));
    }

    private static (string Service, string Port) Backend(V1Ingress ingress)
    {
        var backend = Assert.Single(Assert.Single(ingress.Spec.Rules).Http.Paths).Backend.Service;
        return (backend.Name, backend.Port.Name);
    }
}
