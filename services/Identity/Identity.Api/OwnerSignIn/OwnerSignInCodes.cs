using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.Identity.Api.Infrastructure;

namespace Platform.Identity.Api.OwnerSignIn;

/// <summary>
/// Owners' one-time sign-in codes. A request is only recorded (the same answer for every phone, whatever its
/// limits); the <see cref="OwnerSignInCodeDispatcher"/> then asks governance whose phone it is and sends a code
/// through the configured <see cref="IOneTimeCodeSender"/>, at most one a minute and five an hour per phone,
/// counted for owners and strangers alike. Every code stays good for its lifetime whatever is asked later, so
/// asking for codes cannot void the one the owner holds. Wrong codes are limited per phone, per address and in total.
/// </summary>
public sealed class OwnerSignInCodes(
    IdentityDbContext db,
    IOwnerDirectory owners,
    IEnumerable<IOneTimeCodeSender> senders,
    TimeProvider time,
    [FromKeyedServices(OwnerSignInCodes.SignalKey)] OutboxSignal requested,
    ILogger<OwnerSignInCodes> logger)
{
    /// <summary>The key of the <see cref="OutboxSignal"/> that wakes the dispatcher when a request is recorded.</summary>
    public const string SignalKey = "owner-sign-in-requests";

    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(60);
    public const int CodesPerHour = 5;
    public const int FailuresPerPhone = 10;
    public static readonly TimeSpan PhoneFailureWindow = TimeSpan.FromMinutes(15);
    public const int FailuresPerAddress = 20;
    public static readonly TimeSpan AddressFailureWindow = TimeSpan.FromHours(1);
    public const int FailuresInTotal = 30;
    public static readonly TimeSpan TotalFailureWindow = TimeSpan.FromMinutes(1);

    /// <summary>How long a request waits before governance is asked again after it did not answer.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan CodeWindow = TimeSpan.FromHours(1);

    /// <summary>Codes past the hourly window serve nothing; each handled request clears a few.</summary>
    private static readonly TimeSpan CodeRetention = TimeSpan.FromDays(1);

    /// <summary>Every guess in the county takes it in turn: limits counted and a failure recorded before the next one looks.</summary>
    private const string GuessLock = "owner-sign-in-guesses";

    private readonly IOneTimeCodeSender? _sender = senders.LastOrDefault();

    /// <summary>False when no sender is configured: no owner can get a code, whatever the phone.</summary>
    public bool CanSend => _sender is not null;

    /// <summary>Records a request for a code; nothing here depends on whose phone it is.</summary>
    public async Task RecordRequestAsync(string phone, CancellationToken cancellationToken)
    {
        db.SignInRequests.Add(OwnerSignInRequest.Record(phone, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        requested.Notify();
    }

    /// <summary>Handles the oldest due request: drops it, sends its code, or leaves it for later. False when none was due.</summary>
    public async Task<bool> HandleNextRequestAsync(CancellationToken cancellationToken)
    {
        if (_sender is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        OwnerSignInRequest? request;
        // Polling is not business work: keep its queries out of the traces.
        using (SuppressInstrumentationScope.Begin())
        {
            await db.Database.BeginTransactionAsync(cancellationToken);
            request = (await db.SignInRequests
                .FromSql($"""
                    SELECT * FROM owner_sign_in_requests WHERE next_attempt_at <= {now}
                    ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken)).SingleOrDefault();
            if (request is null)
            {
                await db.Database.RollbackTransactionAsync(cancellationToken);
                return false;
            }
        }

        ActivityContext.TryParse(request.TraceParent, request.TraceState, isRemote: true, out var parent);
        using var activity = PlatformTelemetry.Source.StartActivity("owner sign-in code request", ActivityKind.Internal, parent);
        try
        {
            if (await CodeForAsync(request, now, cancellationToken) is { } code)
            {
                // Sent before the commit: a failed delivery rolls back and the request is tried again.
                await _sender.SendAsync(request.Phone, code, cancellationToken);
            }

            await db.Database.CommitTransactionAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The exception's own text is governance's or the sender's; neither the phone nor the code is in this message.
            logger.LogWarning(exception, "A sign-in code request could not be handled; it is tried again in {Delay}", RetryDelay);
            if (db.Database.CurrentTransaction is not null)
            {
                await db.Database.RollbackTransactionAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
            await db.Database.ExecuteSqlAsync(
                $"UPDATE owner_sign_in_requests SET attempts = attempts + 1, next_attempt_at = {now + RetryDelay} WHERE id = {request.Id}",
                cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// The owner at <paramref name="phone"/>, when <paramref name="code"/> is one of the phone's live codes (all of them are then
    /// used up); null when it is not, or when a limit on wrong codes refuses to look (then nothing is counted).
    /// </summary>
    public async Task<Guid?> RedeemAsync(string phone, string code, string clientAddress, CancellationToken cancellationToken)
    {
        var phoneHash = OwnerSignInCode.HashPhone(phone);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.AcquireAsync(GuessLock, cancellationToken);
        if (await LimitReachedAsync(phoneHash, clientAddress, now, cancellationToken) is { } limit)
        {
            logger.LogWarning("An owner sign-in was refused unchecked: the limit on wrong codes {Limit} is reached", limit);
            return null;
        }

        var live = await db.SignInCodes
            .Where(c => c.PhoneHash == phoneHash && c.OwnerId != null && c.UsedAt == null && c.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        var owner = live.FirstOrDefault(c => c.Accepts(code, now))?.OwnerId;
        if (owner is not null)
        {
            live.ForEach(c => c.UseUp(now));
        }
        else
        {
            db.SignInFailures.Add(OwnerSignInFailure.Record(phoneHash, clientAddress, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (owner is null)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                DELETE FROM owner_sign_in_failures
                WHERE id IN (SELECT id FROM owner_sign_in_failures WHERE failed_at < {now - AddressFailureWindow} LIMIT 100)
                """,
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return owner;
    }

    /// <summary>The code to send for <paramref name="request"/> (its row saved, the request removed), or null when none is sent.</summary>
    /// <exception cref="OwnerDirectoryUnavailableException">Governance did not answer: the request is tried again.</exception>
    private async Task<string?> CodeForAsync(OwnerSignInRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.SignInRequests.Remove(request);
        var phoneHash = OwnerSignInCode.HashPhone(request.Phone);
        // Requests for one phone are handled one at a time, on every replica, so two cannot both pass the limit.
        await db.Database.AcquireAsync(phoneHash, cancellationToken);
        var at = request.RequestedAt;
        var recent = await db.SignInCodes.AsNoTracking()
            .Where(c => c.PhoneHash == phoneHash && c.RequestedAt > at - CodeWindow && c.RequestedAt < at + MinimumInterval)
            .Select(c => c.RequestedAt)
            .ToListAsync(cancellationToken);
        string? code = null;
        if (!request.IsStale(now) && recent.Count < CodesPerHour && !recent.Any(sent => sent > at - MinimumInterval))
        {
            if (await owners.FindByPhoneAsync(request.Phone, cancellationToken) is { } ownerId)
            {
                code = OwnerSignInCode.NewCode();
                db.SignInCodes.Add(OwnerSignInCode.Issue(phoneHash, ownerId, code, at));
            }
            else
            {
                db.SignInCodes.Add(OwnerSignInCode.Unmatched(phoneHash, at));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM owner_sign_in_codes
            WHERE id IN (SELECT id FROM owner_sign_in_codes WHERE requested_at < {now - CodeRetention} LIMIT 100)
            """,
            cancellationToken);
        return code;
    }

    /// <summary>Which limit on wrong codes refuses this guess, if one does.</summary>
    private async Task<string?> LimitReachedAsync(string phoneHash, string address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var failures = db.SignInFailures.AsNoTracking();
        if (await failures.CountAsync(f => f.FailedAt > now - TotalFailureWindow, cancellationToken) >= FailuresInTotal)
        {
            return "in total";
        }

        var fromAddress = failures.Where(f => f.ClientAddress == address && f.FailedAt > now - AddressFailureWindow);
        if (await fromAddress.CountAsync(cancellationToken) >= FailuresPerAddress)
        {
            return "per address";
        }

        var forPhone = failures.Where(f => f.PhoneHash == phoneHash && f.FailedAt > now - PhoneFailureWindow);
        return await forPhone.CountAsync(cancellationToken) >= FailuresPerPhone ? "per phone" : null;
    }
}
