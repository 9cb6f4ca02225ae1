using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Platform.BuildingBlocks.Security;
using Platform.Identity.Api.Tokens;
using Platform.TestKit;

namespace Platform.Identity.Tests;

public sealed class SigningKeyTests
{
    [Fact]
    public void Without_a_configured_key_the_service_refuses_to_start_rather_than_make_one_up()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => SigningKey.FromConfiguration(Configuration([])));

        Assert.Contains("Identity__SigningKey", exception.Message);
    }

    [Fact]
    public void A_public_key_or_a_short_key_is_refused()
    {
        using var small = RSA.Create(1024);

        Assert.Throws<InvalidOperationException>(() => SigningKey.FromConfiguration(Configuration(new() { ["Identity:SigningKey"] = TestTokens.PublicKeyPem })));
        Assert.Throws<InvalidOperationException>(() => SigningKey.FromConfiguration(Configuration(new() { ["Identity:SigningKey"] = small.ExportPkcs8PrivateKeyPem() })));
    }

    [Fact]
    public void The_key_comes_from_configuration_or_the_environment_variable_with_the_key_id_services_compute()
    {
        var fromConfiguration = SigningKey.FromConfiguration(Configuration(new() { ["Identity:SigningKey"] = TestTokens.PrivateKeyPem }));
        var fromEnvironment = SigningKey.FromConfiguration(Configuration(new() { ["PLATFORM_AUTH_PRIVATE_KEY"] = TestTokens.PrivateKeyPem }));
        using var trusted = RSA.Create();
        trusted.ImportFromPem(TestTokens.PublicKeyPem);

        Assert.Equal(AuthenticationExtensions.KeyId(trusted), fromConfiguration.KeyId);
        Assert.Equal(fromConfiguration.KeyId, fromEnvironment.KeyId);
        // The derived encryption key is the same in every replica.
        Assert.Equal(fromConfiguration.EncryptionKey.Key, fromEnvironment.EncryptionKey.Key);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
