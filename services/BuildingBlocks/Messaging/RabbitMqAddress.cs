using Microsoft.Extensions.Configuration;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>The broker from "ConnectionStrings:rabbitmq" or PLATFORM_RABBITMQ, as an amqp:// URI.</summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    public static RabbitMqAddress From(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString("rabbitmq") is { Length: > 0 } explicitUri
            ? explicitUri
            : configuration["PLATFORM_RABBITMQ"] ?? throw new InvalidOperationException(
                "No broker configured: set ConnectionStrings__rabbitmq or PLATFORM_RABBITMQ (see deploy/local/infra.sh env).");
        var uri = new Uri(value);
        var credentials = uri.UserInfo.Split(':', 2);
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new RabbitMqAddress(
            uri.Host,
            uri.Port > 0 ? (ushort)uri.Port : (ushort)5672,
            virtualHost.Length == 0 ? "/" : virtualHost,
            Uri.UnescapeDataString(credentials[0]),
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "");
    }
}
