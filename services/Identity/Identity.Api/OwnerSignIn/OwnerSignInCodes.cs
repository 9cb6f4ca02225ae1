using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.Identity.Api.Infrastructure;

namespace Platform.Identity.Api.OwnerSignIn;

public enum CodeRequestOutcome
{
    /// <summary>Sent if the phone is an owner's; the caller is never told which.</summary>
    Accepted,
    RateLimited,
    /// <summary>No sender is configured, or governance did not answer: nothing was sent or counted.</summary>
    Unavailable,
}

/// <summary>
/// Owners' one-time sign-in codes: requested per phone (at most one a minute and five an hour, counted in
/// PostgreSQL whether or not the phone is an owner's, so the limit reveals nothing), sent through the
/// configured <see cref="IOneTimeCodeSender"/>, redeemed once at the token endpoint.
/// </summary>
public sealed class OwnerSignInCodes(
    IdentityDbContext db,
    IOwnerDirectory owners,
    IEnumerable<IOneTimeCodeSender> senders,
    TimeProvider time,
    ILogger<OwnerSignInCodes> logger)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(60);
    public const int HourlyLimit = 5;
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Rows past the rate-limit window serve nothing; each request clears a few.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private readonly IOneTimeCodeSender? _sender = senders.LastOrDefault();

    public async Task<(CodeRequestOutcome Outcome, TimeSpan RetryAfter)> RequestAsync(string phone, CancellationToken cancellationToken)
    {
        if (_sender is null)
        {
            logger.LogError("An owner asked for a sign-in code, but no one-time code sender is configured (docs/identity.md)");
            return (CodeRequestOutcome.Unavailable, TimeSpan.Zero);
        }

        var phoneHash = OwnerSignInCode.HashPhone(phone);
        var now = time.GetUtcNow();
        string? code = null;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Requests for one phone queue here, so two at once cannot both pass the limit.
            await db.Database.AcquireAsync(phoneHash, cancellationToken);
            var recent = await db.SignInCodes.AsNoTracking()
                .Where(c => c.PhoneHash == phoneHash && c.RequestedAt > now - Window)
                .Select(c => c.RequestedAt)
                .ToListAsync(cancellationToken);
            if (RetryAfter(recent, now) is { } retryAfter)
            {
                return (CodeRequestOutcome.RateLimited, retryAfter);
            }

            Guid? owner;
            try
            {
                owner = await owners.FindByPhoneAsync(phone, cancellationToken);
            }
            catch (OwnerDirectoryUnavailableException exception)
            {
                logger.LogWarning(exception, "Governance did not say whose phone this is; no code was sent");
                return (CodeRequestOutcome.Unavailable, TimeSpan.Zero);
            }

            if (owner is { } ownerId)
            {
                code = OwnerSignInCode.NewCode();
                db.SignInCodes.Add(OwnerSignInCode.Issue(phoneHash, ownerId, code, now));
            }
            else
            {
                db.SignInCodes.Add(OwnerSignInCode.Unmatched(phoneHash, now));
            }

            await db.SaveChangesAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync(
                $"DELETE FROM owner_sign_in_codes WHERE id IN (SELECT id FROM owner_sign_in_codes WHERE requested_at < {now - Retention} LIMIT 100)",
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (code is not null)
        {
            try
            {
                await _sender.SendAsync(phone, code, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The exception's own text is the sender's; the code is not in this message.
                logger.LogError(exception, "The sign-in code could not be delivered");
            }
        }

        return (CodeRequestOutcome.Accepted, TimeSpan.Zero);
    }

    /// <summary>The owner the phone's latest code names, if <paramref name="code"/> is that code and still good; each miss costs an attempt.</summary>
    public async Task<Guid?> RedeemAsync(string phone, string code, CancellationToken cancellationToken)
    {
        var phoneHash = OwnerSignInCode.HashPhone(phone);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so concurrent guesses are counted one after another and a code is redeemed once.
        var latest = (await db.SignInCodes
            .FromSql($"SELECT * FROM owner_sign_in_codes WHERE phone_hash = {phoneHash} ORDER BY requested_at DESC, id DESC LIMIT 1 FOR UPDATE")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        var owner = latest?.Redeem(code, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return owner;
    }

    private static TimeSpan? RetryAfter(List<DateTimeOffset> recent, DateTimeOffset now)
    {
        if (recent.Count == 0)
        {
            return null;
        }

        var minute = recent.Max() + MinimumInterval - now;
        var hour = recent.Count >= HourlyLimit ? recent.Min() + Window - now : TimeSpan.Zero;
        var wait = minute > hour ? minute : hour;
        return wait > TimeSpan.Zero ? wait : null;
    }
}
