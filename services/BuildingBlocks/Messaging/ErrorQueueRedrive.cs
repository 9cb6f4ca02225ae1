using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Moves messages that exhausted their retries from "&lt;service&gt;_error" back to the service's queue,
/// once the cause is fixed. Each message is re-published with publisher confirms before it is
/// acknowledged on the error queue, so none is lost; the inbox makes a re-drive of an already
/// handled message harmless. Each message keeps its publisher's user-id (consumers check it, ADR-016), which the broker
/// accepts only from a user holding the "impersonator" tag: run this command with an operator's broker user.
/// </summary>
public static class ErrorQueueRedrive
{
    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason"];

    public static async Task<int> RunAsync(RabbitMqAddress broker, string queue, ILogger logger, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);

        var moved = 0;
        while (await channel.BasicGetAsync($"{queue}_error", autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = message.BasicProperties.Headers?
                    .Where(header => !FaultHeaderPrefixes.Any(prefix => header.Key.StartsWith(prefix, StringComparison.Ordinal)))
                    .ToDictionary(header => header.Key, header => header.Value),
            };
            await channel.BasicPublishAsync(exchange: "", routingKey: queue, mandatory: true, basicProperties: properties, body: message.Body, cancellationToken: cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        logger.LogInformation("Re-drove {Count} messages from {Queue}_error to {Queue}", moved, queue, queue);
        return moved;
    }
}
