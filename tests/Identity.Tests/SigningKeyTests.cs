using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Platform.BuildingBlocks.Security;
using Platform.Identity.Api.Tokens;
using Platform.TestKit;

namespace Platform.Identity.Tests;

public sealed class SigningKeyTests
{
    [Fact]
    public void Without_a_configured_key_the_service_refuses_to_start_rather_than_make_one_up()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => SigningKey.FromConfiguration(Configuration([]), Production));

        Assert.Contains("Identity__SigningKey", exception.Message);
    }

    [Fact]
    public void A_public_key_or_a_short_key_is_refused()
    {
        using var small = RSA.Create(1024);

        Assert.Throws<InvalidOperationException>(() => SigningKey.FromConfiguration(Configuration(new() { ["Identity:SigningKey"] = TestTokens.PublicKeyPem }), Production));
        Assert.Throws<InvalidOperationException>(() => SigningKey.FromConfiguration(Configuration(new() { ["Identity:SigningKey"] = small.ExportPkcs8PrivateKeyPem() }), Production));
    }

    [Fact]
    public void The_key_comes_from_configuration_or_in_Development_the_environment_variable_with_the_key_id_services_compute()
    {
        var fromConfiguration = SigningKey.FromConfiguration(Configuration(new() { ["Identity:SigningKey"] = TestTokens.PrivateKeyPem }), Production);
        var fromEnvironment = SigningKey.FromConfiguration(
            Configuration(new() { ["PLATFORM_AUTH_PRIVATE_KEY"] = TestTokens.PrivateKeyPem }), new HostingEnvironment { EnvironmentName = "Development" });
        using var trusted = RSA.Create();
        trusted.ImportFromPem(TestTokens.PublicKeyPem);

        Assert.Equal(AuthenticationExtensions.KeyId(trusted), fromConfiguration.KeyId);
        Assert.Equal(fromConfiguration.KeyId, fromEnvironment.KeyId);
        // The derived encryption key is the same in every replica.
        Assert.Equal(fromConfiguration.EncryptionKey.Key, fromEnvironment.EncryptionKey.Key);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public void Outside_Development_the_development_key_variables_are_refused_with_the_reason(string environment)
    {
        var hosting = new HostingEnvironment { EnvironmentName = environment };
        var development = Configuration(new()
        {
            ["PLATFORM_AUTH_PRIVATE_KEY"] = TestTokens.PrivateKeyPem, ["PLATFORM_AUTH_PUBLIC_KEY"] = TestTokens.PublicKeyPem,
        });

        var signing = Assert.Throws<InvalidOperationException>(() => SigningKey.FromConfiguration(development, hosting));
        var validation = Assert.Throws<InvalidOperationException>(() => AuthenticationExtensions.ValidationParameters(development, hosting));

        Assert.Contains($"read only in Development, not in {environment}", signing.Message);
        Assert.Contains("Identity__SigningKey", signing.Message);
        Assert.Contains($"read only in Development, not in {environment}", validation.Message);
        Assert.Contains("Auth__SigningKeys__0", validation.Message);
    }

    [Fact]
    public async Task A_production_host_with_only_the_development_keys_fails_to_start_saying_why()
    {
        await using var host = new ProductionHostWithDevelopmentKeys();

        var exception = await Record.ExceptionAsync(() => host.StartAsync());

        Assert.NotNull(exception);
        Assert.Contains("read only in Development, not in Production", exception.ToString());
    }

    private static readonly HostingEnvironment Production = new() { EnvironmentName = "Production" };

    /// <summary>Identity as ./run.sh would start it (PLATFORM_AUTH_* from /var/tmp/platform-dev-keys), but in Production.</summary>
    private sealed class ProductionHostWithDevelopmentKeys() : ServiceHost<Identity.Api.Program>("identity", new Dictionary<string, string?>
    {
        ["Auth:SigningKeys:0"] = "",
        ["PLATFORM_AUTH_PUBLIC_KEY"] = TestTokens.PublicKeyPem,
        ["PLATFORM_AUTH_PRIVATE_KEY"] = TestTokens.PrivateKeyPem,
    })
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
