using k8s.Models;

namespace Platform.Deploy.Tests;

/// <summary>Probes on the health endpoints, and pods that run non-root on a read-only root without capabilities.</summary>
public sealed class PodSecurityTests
{
    public static TheoryData<string> ValuesFiles => new() { "default", "production" };

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_host_is_probed_on_its_live_and_ready_endpoints(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        Assert.All(chart.All<V1Deployment>(), deployment =>
        {
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Equal("/health/live", container.StartupProbe?.HttpGet?.Path);
            Assert.Equal("/health/live", container.LivenessProbe?.HttpGet?.Path);
            Assert.Equal("/health/ready", container.ReadinessProbe?.HttpGet?.Path);
            Assert.All(
                new[] { container.StartupProbe!, container.LivenessProbe!, container.ReadinessProbe! },
                probe => Assert.Equal("http", probe.HttpGet.Port.Value));
            Assert.NotNull(container.Resources?.Requests?["cpu"]);
            Assert.NotNull(container.Resources?.Limits?["memory"]);
        });
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_pod_runs_non_root_on_a_read_only_root_without_capabilities(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        Assert.NotEmpty(chart.PodTemplates());
        Assert.All(chart.PodTemplates(), pod =>
        {
            var spec = pod.Template.Spec;
            Assert.True(spec.SecurityContext?.RunAsNonRoot, $"{pod.Owner}: runAsNonRoot");
            Assert.NotEqual(0, spec.SecurityContext!.RunAsUser ?? 0);
            Assert.Equal("RuntimeDefault", spec.SecurityContext.SeccompProfile?.Type);
            Assert.False(spec.AutomountServiceAccountToken ?? true, $"{pod.Owner}: no service account token");
            Assert.All(spec.Containers, container =>
            {
                var context = container.SecurityContext;
                Assert.True(context?.ReadOnlyRootFilesystem, $"{pod.Owner}: read-only root");
                Assert.False(context!.AllowPrivilegeEscalation ?? true, $"{pod.Owner}: no privilege escalation");
                Assert.Equal(["ALL"], context.Capabilities?.Drop ?? []);
                Assert.Null(context.Capabilities?.Add);
                Assert.NotEqual(true, context.Privileged);
                // A read-only root still needs somewhere to write temporary files.
                Assert.Contains(container.VolumeMounts ?? [], mount => mount.MountPath == "/tmp");
            });
        });
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_host_serves_http_and_grpc_over_http2_on_its_service(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        Assert.All(chart.All<V1Service>(), service =>
        {
            var http = Assert.Single(service.Spec.Ports, port => port.Name == "http");
            var grpc = Assert.Single(service.Spec.Ports, port => port.Name == "grpc");
            Assert.Equal((8080, "http"), (http.Port, http.AppProtocol));
            Assert.Equal((8081, "kubernetes.io/h2c"), (grpc.Port, grpc.AppProtocol));
            Assert.Equal("ClusterIP", service.Spec.Type);
            var deployment = chart.Named<V1Deployment>(service.Metadata.Name);
            Assert.All(service.Spec.Selector, label => Assert.Equal(label.Value, deployment.Spec.Template.Metadata.Labels[label.Key]));
        });
    }
}
