using k8s.Models;

namespace Platform.Deploy.Tests;

/// <summary>Default deny; the ingress controller reaches only the gateway; the gateway reaches the services; services call
/// each other on gRPC only; egress to DNS and the external servers each host uses.</summary>
public sealed class NetworkPolicyTests
{
    private const int Http = 8080, Grpc = 8081, Dns = 53, PostgreSql = 5432, RabbitMq = 5672, Redis = 6379, Otlp = 4317;

    public static TheoryData<string> ValuesFiles => new() { "default", "production" };

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void A_default_deny_policy_covers_every_pod_of_the_release(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));
        var deny = chart.Named<V1NetworkPolicy>("platform-default-deny");

        Assert.Equal(["Ingress", "Egress"], deny.Spec.PolicyTypes);
        Assert.Null(deny.Spec.Ingress);
        Assert.Null(deny.Spec.Egress);
        Assert.All(chart.PodTemplates(), pod => Assert.True(
            Selects(deny.Spec.PodSelector, pod.Template.Metadata.Labels), $"the default deny does not select {pod.Owner}"));
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_pod_is_selected_by_its_own_hosts_policy(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        Assert.All(chart.PodTemplates(), pod =>
        {
            var host = pod.Template.Metadata.Labels["app.kubernetes.io/name"];
            Assert.True(Selects(chart.Named<V1NetworkPolicy>(host).Spec.PodSelector, pod.Template.Metadata.Labels), pod.Owner);
        });
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Only_the_gateway_is_reachable_from_the_ingress_controller(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        var gatewayIngress = Assert.Single(chart.Named<V1NetworkPolicy>("gateway").Spec.Ingress);
        Assert.All(gatewayIngress.FromProperty, peer => Assert.NotNull(peer.NamespaceSelector));
        Assert.Equal([Http, Grpc], Ports(gatewayIngress.Ports));
        Assert.All(RenderedChart.Hosts.Where(host => host != "gateway"), host =>
            Assert.All(chart.Named<V1NetworkPolicy>(host).Spec.Ingress ?? [], rule => Assert.All(rule.FromProperty, peer =>
            {
                Assert.Null(peer.NamespaceSelector);
                Assert.Null(peer.IpBlock);
                Assert.NotNull(peer.PodSelector);
            })));
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void The_gateway_reaches_every_service_on_http_and_only_parking_gate_control_on_grpc(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        Assert.All(RenderedChart.Hosts.Where(host => host != "gateway"), host =>
        {
            List<int> expected = host == "parking" ? [Http, Grpc] : [Http];
            Assert.Equal(expected, IngressPortsFrom(chart, host, "gateway"));
            Assert.Contains(chart.Named<V1NetworkPolicy>("gateway").Spec.Egress, rule =>
                rule.To?.Any(peer => Name(peer) == host) == true && Ports(rule.Ports).SequenceEqual(expected));
        });
        // The gateway is told where parking's gRPC port is, and no other service's.
        var clusters = chart.Named<V1Deployment>("gateway").Spec.Template.Spec.Containers[0].Env
            .Where(variable => variable.Name.EndsWith("-grpc__Destinations__primary__Address", StringComparison.Ordinal))
            .Select(variable => variable.Name)
            .ToList();
        Assert.Equal(["ReverseProxy__Clusters__parking-grpc__Destinations__primary__Address"], clusters);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Only_the_services_that_call_governance_reach_its_grpc_port(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        var callers = chart.Named<V1NetworkPolicy>("governance").Spec.Ingress
            .Where(rule => Ports(rule.Ports).Contains(Grpc))
            .SelectMany(rule => rule.FromProperty.Select(Name))
            .ToList();

        Assert.Equal(["identity"], callers);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Services_call_each_other_on_grpc_only(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        // Identity looks owners up on governance's gRPC port; no service may use another's REST port.
        Assert.Equal([Grpc], IngressPortsFrom(chart, "governance", "identity"));
        Assert.Contains(chart.Named<V1NetworkPolicy>("identity").Spec.Egress, rule =>
            rule.To?.Any(peer => Name(peer) == "governance") == true && Ports(rule.Ports).SequenceEqual([Grpc]));
        Assert.All(RenderedChart.Hosts.Where(host => host != "gateway"), host =>
            Assert.All(chart.Named<V1NetworkPolicy>(host).Spec.Ingress ?? [], rule =>
            {
                if (rule.FromProperty.Any(peer => Name(peer) != "gateway"))
                {
                    Assert.Equal([Grpc], Ports(rule.Ports));
                }
            }));
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Egress_is_DNS_the_external_servers_a_host_uses_and_its_calls(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));
        var otel = values == "production";

        Assert.All(RenderedChart.Hosts, host =>
        {
            var egress = chart.Named<V1NetworkPolicy>(host).Spec.Egress;
            var external = egress.Where(rule => rule.To is null || rule.To.All(peer => peer.PodSelector is null || peer.NamespaceSelector is not null))
                .SelectMany(rule => Ports(rule.Ports)).Order().ToList();
            var expected = new List<int> { Dns, Dns, Redis };
            if (host != "gateway")
            {
                expected.AddRange([PostgreSql, RabbitMq]);
            }

            if (otel)
            {
                expected.Add(Otlp);
            }

            Assert.Equal(expected.Order(), external);
            Assert.Contains(egress, rule => rule.Ports.Any(port => port.Port.Value == "53" && port.Protocol == "UDP"));
        });
    }

    [Fact]
    public void Production_egress_to_the_servers_names_their_namespaces()
    {
        var chart = RenderedChart.Render(ChartValues.Production);

        var governance = chart.Named<V1NetworkPolicy>("governance").Spec.Egress;
        var postgres = Assert.Single(governance, rule => Ports(rule.Ports).SequenceEqual([PostgreSql]));
        Assert.Equal("databases", Assert.Single(postgres.To).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
    }

    private static bool Selects(V1LabelSelector selector, IDictionary<string, string> labels) =>
        selector.MatchExpressions is null && (selector.MatchLabels ?? new Dictionary<string, string>())
            .All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value);

    private static string? Name(V1NetworkPolicyPeer peer) =>
        peer.PodSelector?.MatchLabels?.TryGetValue("app.kubernetes.io/name", out var name) == true && peer.NamespaceSelector is null ? name : null;

    private static List<int> Ports(IEnumerable<V1NetworkPolicyPort>? ports) =>
        (ports ?? []).Select(port => int.Parse(port.Port.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static List<int> IngressPortsFrom(RenderedChart chart, string host, string caller) =>
        Ports(Assert.Single(chart.Named<V1NetworkPolicy>(host).Spec.Ingress, rule => rule.FromProperty.Any(peer => Name(peer) == caller)).Ports);
}
