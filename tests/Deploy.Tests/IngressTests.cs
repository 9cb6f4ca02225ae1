using k8s.Models;

namespace Platform.Deploy.Tests;

/// <summary>The gateway is the only public entry (design.md rule 5).</summary>
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

/// <summary>
/// The gateway reads the caller's address from X-Forwarded-For only on connections from the networks the values name
/// for the ingress (Gateway:TrustedProxies); without them it trusts nobody.
/// </summary>
public sealed class TrustedProxyTests
{
    [Fact]
    public void The_gateway_trusts_forwarded_headers_from_the_ingress_networks_the_values_name_and_no_other_host_does()
    {
        var chart = RenderedChart.Render(ChartValues.Default.With("ingress.trustedProxies={10.42.0.0/16,fd00:42::/56}"));

        Assert.Equal(
            [("Gateway__TrustedProxies__0", "10.42.0.0/16"), ("Gateway__TrustedProxies__1", "fd00:42::/56")],
            TrustedProxies(chart.Named<V1Deployment>("gateway")));
        Assert.All(chart.All<V1Deployment>().Where(deployment => deployment.Metadata.Name != "gateway"),
            deployment => Assert.Empty(TrustedProxies(deployment)));
    }

    [Fact]
    public void Production_values_name_the_ingress_network_and_the_defaults_trust_nobody()
    {
        var production = RenderedChart.Render(ChartValues.Production);
        var defaults = RenderedChart.Render(ChartValues.Default);

        Assert.NotEmpty(TrustedProxies(production.Named<V1Deployment>("gateway")));
        Assert.Empty(TrustedProxies(defaults.Named<V1Deployment>("gateway")));
    }

    [Fact]
    public void Identity_believes_forwarded_addresses_only_from_the_gateways_networks_the_values_name()
    {
        var production = RenderedChart.Render(ChartValues.Production);
        var narrowed = RenderedChart.Render(ChartValues.Default.With("gatewayNetworks={10.42.0.0/16}"));

        // Index 0 replaces the first entry of appsettings.json (127.0.0.0/8); the second (::1/128) stays: loopback only.
        Assert.Equal([("Identity__OwnerSignIn__TrustedProxies__0", "10.42.0.0/16")], GatewayNetworks(production.Named<V1Deployment>("identity")));
        Assert.Equal([("Identity__OwnerSignIn__TrustedProxies__0", "10.42.0.0/16")], GatewayNetworks(narrowed.Named<V1Deployment>("identity")));
        Assert.All(production.All<V1Deployment>().Where(deployment => deployment.Metadata.Name != "identity"),
            deployment => Assert.Empty(GatewayNetworks(deployment)));
    }

    private static List<(string, string)> GatewayNetworks(V1Deployment deployment) =>
        deployment.Spec.Template.Spec.Containers[0].Env
            .Where(variable => variable.Name.StartsWith("Identity__OwnerSignIn__TrustedProxies__", StringComparison.Ordinal))
            .Select(variable => (variable.Name, variable.Value))
            .ToList();

    private static List<(string, string)> TrustedProxies(V1Deployment deployment) =>
        deployment.Spec.Template.Spec.Containers[0].Env
            .Where(variable => variable.Name.StartsWith("Gateway__TrustedProxies__", StringComparison.Ordinal))
            .Select(variable => (variable.Name, variable.Value))
            .ToList();
}
