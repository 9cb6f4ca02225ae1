using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Security;
using StackExchange.Redis;

namespace Platform.Parking.Api.Gates;

/// <summary>
/// The token a gate's stream was opened with, held to its terms while the stream lives: a stream is authorised once, at
/// open, so its expiry is checked again on every event and, with its client's revocation, every Parking:StreamAuthRecheck
/// (30 s). Expired means what it means when a token is presented: past its "exp" by more than the validation clock skew.
/// </summary>
public sealed class StreamCredential(
    IConnectionMultiplexer redis, RevokedClients revoked, IOptionsMonitor<JwtBearerOptions> jwt, IConfiguration configuration,
    TimeProvider time, ILogger<StreamCredential> logger)
{
    public TimeSpan Recheck => configuration.GetValue("Parking:StreamAuthRecheck", TimeSpan.FromSeconds(30));

    /// <summary>The last instant the token is accepted; without a readable "exp" it is over already.</summary>
    public DateTimeOffset ValidUntil(ClaimsPrincipal user)
    {
        var skew = jwt.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters.ClockSkew;
        return long.TryParse(user.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp) + skew
            : DateTimeOffset.MinValue;
    }

    public bool HasExpired(DateTimeOffset validUntil) => time.GetUtcNow() > validUntil;

    /// <summary>
    /// Re-checks every <see cref="Recheck"/> until <paramref name="callEnded"/>; when the token has expired or its client
    /// was revoked, cancels <paramref name="lapse"/> and says why. Null when the call ended first.
    /// </summary>
    public async Task<string?> WatchAsync(
        ClaimsPrincipal user, DateTimeOffset validUntil, CancellationTokenSource lapse, CancellationToken callEnded)
    {
        var clientId = user.FindFirst(PlatformClaims.ClientId)?.Value;
        using var timer = new PeriodicTimer(Recheck, time);
        try
        {
            while (await timer.WaitForNextTickAsync(callEnded))
            {
                // Unknown (Redis unreachable) does not end an open stream: its token still expires on time (ADR-014).
                var reason = HasExpired(validUntil) ? "token expired"
                    : clientId is not null && await revoked.CheckAsync(redis, clientId, logger) == RevocationStatus.Revoked ? "client revoked"
                    : null;
                if (reason is not null)
                {
                    logger.LogInformation("Gate stream of client {ClientId} ended: {Reason}", clientId, reason);
                    await lapse.CancelAsync();
                    return reason;
                }
            }
        }
        catch (OperationCanceledException) when (callEnded.IsCancellationRequested)
        {
        }

        return null;
    }
}
