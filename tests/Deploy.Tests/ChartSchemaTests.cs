using k8s;
using k8s.Models;

namespace Platform.Deploy.Tests;

/// <summary>helm lint and helm template pass, and every rendered object is a valid Kubernetes object.</summary>
public sealed class ChartSchemaTests
{
    public static TheoryData<string> ValuesFiles => new() { "default", "production" };

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Helm_lint_strict_passes(string values)
    {
        var lint = Helm.Lint(ChartValues.Named(values));

        Assert.True(lint.ExitCode == 0, $"helm lint --strict ({values}):\n{lint.Output}\n{lint.Error}");
        Assert.Contains("0 chart(s) failed", lint.Output);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_rendered_document_loads_strictly_into_its_Kubernetes_model(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        Assert.Equal(RenderedChart.Documents(chart.Yaml).Count, chart.Objects.Count);
        Assert.All(chart.Objects, item =>
        {
            var kubernetesObject = Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(item);
            Assert.False(string.IsNullOrEmpty(kubernetesObject.Metadata?.Name), $"{item.GetType().Name} without a name");
            Assert.Equal(Helm.ReleaseName, kubernetesObject.Metadata!.Labels["app.kubernetes.io/instance"]);
        });
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_host_gets_a_Deployment_and_a_Service(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        Assert.Equal(RenderedChart.Hosts.Order(), chart.All<V1Deployment>().Select(deployment => deployment.Metadata.Name).Order());
        Assert.Equal(RenderedChart.Hosts.Order(), chart.All<V1Service>().Select(service => service.Metadata.Name).Order());
    }

    [Fact]
    public void Strict_loading_refuses_a_field_Kubernetes_does_not_know()
    {
        // The control for the check above: a misspelt probe must fail it, not pass silently.
        var yaml = RenderedChart.Render(ChartValues.Default).Yaml;
        var misspelt = yaml.Replace("readinessProbe:", "readynessProbe:", StringComparison.Ordinal);

        Assert.NotEqual(yaml, misspelt);
        Assert.ThrowsAny<Exception>(() => RenderedChart.Load(misspelt));
    }

    [Fact]
    public void Strict_loading_refuses_a_value_of_the_wrong_type()
    {
        var yaml = RenderedChart.Render(ChartValues.Default).Yaml;
        var wrong = yaml.Replace("containerPort: 8080", "containerPort: [8080]", StringComparison.Ordinal);

        Assert.NotEqual(yaml, wrong);
        Assert.ThrowsAny<Exception>(() => RenderedChart.Load(wrong));
    }
}
