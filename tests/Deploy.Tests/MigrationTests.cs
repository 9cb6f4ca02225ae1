using k8s.Models;

namespace Platform.Deploy.Tests;

/// <summary>A migration Job per database, run by Helm before the new version starts.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Every_database_is_migrated_by_its_own_hook_job_before_install_and_upgrade()
    {
        var chart = RenderedChart.Render(ChartValues.Production);

        Assert.Equal(RenderedChart.Databases.Select(database => $"{database}-migrate").Order(), chart.All<V1Job>().Select(job => job.Metadata.Name).Order());
        Assert.All(RenderedChart.Databases, database =>
        {
            var job = chart.Named<V1Job>($"{database}-migrate");
            Assert.Equal("pre-install,pre-upgrade", job.Metadata.Annotations["helm.sh/hook"]);
            Assert.Contains("before-hook-creation", job.Metadata.Annotations["helm.sh/hook-delete-policy"], StringComparison.Ordinal);
            var pod = job.Spec.Template.Spec;
            Assert.Equal("Never", pod.RestartPolicy);
            var container = Assert.Single(pod.Containers);
            // The host's own image, as `<host> migrate` (PlatformCommands.RunPlatformAsync).
            Assert.Equal(chart.Named<V1Deployment>(database).Spec.Template.Spec.Containers[0].Image, container.Image);
            Assert.Equal(["migrate"], container.Args);
            Assert.Null(container.Command);
            // Least privilege: its own database as the owner (it migrates) and as the runtime role (whom it grants rows), and its
            // own broker user's address, which the host reads while it is built (a `migrate` without it stops with "No broker
            // configured"); no key, no other database.
            var secrets = container.Env.Where(variable => variable.ValueFrom is not null).ToDictionary(variable => variable.Name, variable => variable.ValueFrom.SecretKeyRef.Key);
            Assert.Equal(new Dictionary<string, string>
            {
                ["Database__OwnerConnectionString"] = $"{database}-owner",
                [$"ConnectionStrings__{database}"] = database,
                ["ConnectionStrings__rabbitmq"] = $"rabbitmq-{database}",
            }, secrets);
        });
    }

    [Fact]
    public void The_migrate_command_is_the_one_the_hosts_understand()
    {
        var commands = Checkout.Read("services/BuildingBlocks/Hosting/PlatformCommands.cs");
        var service = Checkout.Read("services/BuildingBlocks/Hosting/PlatformService.cs");

        Assert.Contains("case \"migrate\":", commands, StringComparison.Ordinal);
        // Every host runs through PlatformService.RunAsync, which hands the command line to RunPlatformAsync.
        Assert.Contains("RunPlatformAsync", service, StringComparison.Ordinal);
        Assert.All(RenderedChart.Databases, database =>
        {
            var program = Directory.GetFiles(Checkout.PathOf("services"), "Program.cs", SearchOption.AllDirectories)
                .Single(path => path.Contains($"/{Host(database)}.Api/", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("PlatformService.RunAsync", File.ReadAllText(program), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_host_never_migrates_itself_and_never_holds_its_owner_connection()
    {
        var chart = RenderedChart.Render(ChartValues.Production);

        Assert.All(RenderedChart.Databases, database =>
        {
            var env = chart.Named<V1Deployment>(database).Spec.Template.Spec.Containers[0].Env;
            Assert.Equal("false", Assert.Single(env, variable => variable.Name == "Database__MigrateOnStartup").Value);
            Assert.DoesNotContain(env, variable => variable.ValueFrom?.SecretKeyRef?.Key == $"{database}-owner");
            Assert.DoesNotContain(env, variable => variable.Name == "Database__OwnerConnectionString");
        });
    }

    [Fact]
    public void Turning_migrations_off_renders_no_job()
    {
        Assert.Empty(RenderedChart.Render(ChartValues.Default.With("migrations.enabled=false")).All<V1Job>());
    }

    private static string Host(string database) => database == "eldercare" ? "ElderCare" : char.ToUpperInvariant(database[0]) + database[1..];
}
