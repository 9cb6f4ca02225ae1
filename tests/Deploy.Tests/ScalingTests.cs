using k8s.Models;

namespace Platform.Deploy.Tests;

/// <summary>A host scaled to several replicas gets its autoscaler and its disruption budget.</summary>
public sealed class ScalingTests
{
    public static TheoryData<string> Hosts => new(RenderedChart.Hosts);

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Scaling_a_host_to_three_replicas_renders_its_HPA_and_PDB(string host)
    {
        var chart = RenderedChart.Render(ChartValues.Default.With($"services.{host}.replicas=3"));

        var autoscaler = chart.Named<V2HorizontalPodAutoscaler>(host);
        Assert.Equal(3, autoscaler.Spec.MinReplicas);
        Assert.True(autoscaler.Spec.MaxReplicas >= 3);
        Assert.Equal(("Deployment", host), (autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.ScaleTargetRef.Name));
        var budget = chart.Named<V1PodDisruptionBudget>(host);
        var deployment = chart.Named<V1Deployment>(host);
        Assert.All(budget.Spec.Selector.MatchLabels, label => Assert.Equal(label.Value, deployment.Spec.Template.Metadata.Labels[label.Key]));
        // The autoscaler owns the replica count: an upgrade must not reset it.
        Assert.Null(deployment.Spec.Replicas);
    }

    [Fact]
    public void A_single_replica_gets_no_disruption_budget_that_would_block_node_drains()
    {
        var chart = RenderedChart.Render(ChartValues.Default);

        Assert.Empty(chart.All<V1PodDisruptionBudget>());
    }

    [Fact]
    public void Without_autoscaling_the_deployment_keeps_its_replica_count()
    {
        var chart = RenderedChart.Render(ChartValues.Default.With("services.fees.replicas=2").With("services.fees.autoscaling.enabled=false"));

        Assert.Equal(2, chart.Named<V1Deployment>("fees").Spec.Replicas);
        Assert.DoesNotContain(chart.All<V2HorizontalPodAutoscaler>(), autoscaler => autoscaler.Metadata.Name == "fees");
        Assert.NotNull(chart.Named<V1PodDisruptionBudget>("fees"));
    }

    [Fact]
    public void Production_runs_every_host_on_at_least_two_replicas_with_a_budget()
    {
        var chart = RenderedChart.Render(ChartValues.Production);

        Assert.All(RenderedChart.Hosts, host =>
        {
            Assert.True(chart.Named<V2HorizontalPodAutoscaler>(host).Spec.MinReplicas >= 2, host);
            Assert.Equal("1", chart.Named<V1PodDisruptionBudget>(host).Spec.MaxUnavailable.Value);
        });
    }
}
