using System.Text.RegularExpressions;
using k8s.Models;

namespace Platform.Deploy.Tests;

/// <summary>Connection strings, signing keys and other secrets reach the pods only by reference to existing Secrets.</summary>
public sealed partial class SecretTests
{
    public static TheoryData<string> ValuesFiles => new() { "default", "production" };

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void The_chart_makes_no_Secret_and_no_ConfigMap_with_secret_data(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        Assert.Empty(chart.All<V1Secret>());
        Assert.Empty(chart.All<V1ConfigMap>());
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_secret_setting_comes_from_a_secretKeyRef(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));
        var secretSettings = 0;

        Assert.All(AllEnv(chart), env =>
        {
            if (SecretSettingName().IsMatch(env.Variable.Name))
            {
                secretSettings++;
                Assert.True(env.Variable.Value is null, $"{env.Owner}: {env.Variable.Name} has a literal value");
                Assert.NotNull(env.Variable.ValueFrom?.SecretKeyRef?.Name);
            }

            if (env.Variable.Value is { } literal)
            {
                Assert.False(SecretLiteral().IsMatch(literal), $"{env.Owner}: {env.Variable.Name} looks like a secret: {literal}");
            }
        });
        // Each host: its token key, its connections; identity its private key; governance its hash key.
        Assert.True(secretSettings >= 20, $"only {secretSettings} secret settings seen");
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void No_rendered_text_holds_a_key_a_password_or_a_credential_in_a_URI(string values)
    {
        var yaml = RenderedChart.Render(ChartValues.Named(values)).Yaml;

        Assert.DoesNotMatch(SecretLiteral(), yaml);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void The_token_signing_private_key_is_in_its_own_Secret_that_only_identity_reads(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        var signing = Assert.Single(AllEnv(chart), env => env.Variable.Name == "Identity__SigningKey");
        var secret = signing.Variable.ValueFrom.SecretKeyRef.Name;
        var others = AllEnv(chart)
            .Where(env => env.Variable.ValueFrom?.SecretKeyRef?.Name == secret && env.Variable.Name != "Identity__SigningKey")
            .Select(env => $"{env.Owner}: {env.Variable.Name}")
            .ToList();

        Assert.Equal("Deployment identity", signing.Owner);
        Assert.NotEqual("platform-connections", secret);
        // Every pod that names a Secret can read all of it: the public keys every host trusts live elsewhere.
        Assert.True(others.Count == 0, $"{secret} is read by others too: {string.Join(", ", others)}");
    }

    [Fact]
    public void The_secret_literal_check_recognises_what_it_looks_for()
    {
        // The control for the checks above.
        Assert.Matches(SecretLiteral(), "Host=db;Username=platform;Password=hunter2");
        Assert.Matches(SecretLiteral(), "amqp://platform:hunter2@rabbit:5672/");
        Assert.Matches(SecretLiteral(), "-----BEGIN RSA PRIVATE KEY-----");
        Assert.Matches(SecretLiteral(), "redis:6379,password=hunter2");
        Assert.Matches(SecretLiteral(), "Authorization: Bearer eyJhbGciOi");
    }

    [Fact]
    public void A_setting_from_values_secretEnv_is_a_reference_to_the_named_Secret()
    {
        // How the elder-care field encryption key (and any later key) reaches its host.
        var chart = RenderedChart.Render(ChartValues.Default
            .With("services.eldercare.secretEnv[0].name=ElderCare__FieldEncryption__Key")
            .With("services.eldercare.secretEnv[0].secretName=platform-eldercare-keys")
            .With("services.eldercare.secretEnv[0].key=field-encryption-key"));

        var env = Assert.Single(chart.Named<V1Deployment>("eldercare").Spec.Template.Spec.Containers[0].Env, variable => variable.Name == "ElderCare__FieldEncryption__Key");
        Assert.Equal(("platform-eldercare-keys", "field-encryption-key"), (env.ValueFrom.SecretKeyRef.Name, env.ValueFrom.SecretKeyRef.Key));
    }

    [Fact]
    public void Every_host_with_a_database_gets_its_own_chain_keys_from_the_chain_Secret_and_the_current_key_id()
    {
        var chart = RenderedChart.Render(ChartValues.Default.With("chains.keyIds={k1,k2}").With("chains.currentKeyId=k2"));

        Assert.All(RenderedChart.Databases, database =>
        {
            var env = chart.Named<V1Deployment>(database).Spec.Template.Spec.Containers[0].Env;
            Assert.Equal("k2", Assert.Single(env, variable => variable.Name == "Chains__CurrentKeyId").Value);
            var keys = env.Where(variable => variable.Name.StartsWith("Chains__Keys__", StringComparison.Ordinal))
                .Select(variable => (variable.Name, variable.ValueFrom.SecretKeyRef.Name, variable.ValueFrom.SecretKeyRef.Key));
            Assert.Equal(
                [
                    ("Chains__Keys__k1", "platform-chain-keys", $"{database}-k1"),
                    ("Chains__Keys__k2", "platform-chain-keys", $"{database}-k2"),
                ],
                keys);
        });
        var gateway = chart.Named<V1Deployment>("gateway").Spec.Template.Spec.Containers[0].Env;
        Assert.DoesNotContain(gateway, variable => variable.Name.StartsWith("Chains__", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_host_with_a_database_signs_its_checkpoints_with_its_own_key_from_the_checkpoint_Secret()
    {
        var chart = RenderedChart.Render(ChartValues.Default.With("checkpoints.keyId=c2"));

        Assert.All(RenderedChart.Databases, database =>
        {
            var env = chart.Named<V1Deployment>(database).Spec.Template.Spec.Containers[0].Env;
            var key = Assert.Single(env, variable => variable.Name == "Checkpoints__SigningKey").ValueFrom.SecretKeyRef;
            Assert.Equal(("platform-checkpoint-signing", $"{database}-c2.pem"), (key.Name, key.Key));
            Assert.Equal("c2", Assert.Single(env, variable => variable.Name == "Checkpoints__KeyId").Value);
        });
    }

    internal static IEnumerable<(string Owner, V1EnvVar Variable)> AllEnv(RenderedChart chart) =>
        chart.PodTemplates().SelectMany(pod => pod.Template.Spec.Containers
            .SelectMany(container => (container.Env ?? []).Select(variable => (pod.Owner, variable))));

    [GeneratedRegex(
        @"(^ConnectionStrings__)|(SigningKey)|(Secret$)|(HashKey)|(Password)|(EncryptionKey)|(FieldEncryption)|(^Chains__Keys__)")]
    private static partial Regex SecretSettingName();

    [GeneratedRegex(@"(?i)(password\s*=)|(pwd\s*=)|(-----BEGIN [A-Z ]*KEY-----)|([a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@)|(bearer\s+ey)")]
    private static partial Regex SecretLiteral();
}
