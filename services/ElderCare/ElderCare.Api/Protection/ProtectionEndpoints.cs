using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.ElderCare.Api.Elders;
using Platform.ElderCare.Api.Infrastructure;
using Platform.ElderCare.Domain.Access;

namespace Platform.ElderCare.Api.Protection;

public sealed record AccessLogQuery(
    Guid? ElderId, string? Actor, string? Outcome, DateTimeOffset? From, DateTimeOffset? To, int? Offset, int? Limit) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Optional("actor", Actor);
        if (Outcome is not null && OutcomeValue is null)
        {
            errors.Add("outcome", "error.unknown_value");
        }

        if (Offset is not null)
        {
            errors.InRange("offset", Offset, 0, int.MaxValue);
        }

        if (Limit is not null)
        {
            errors.InRange("limit", Limit, 1, 1000);
        }

        if (From is not null && To is not null && To < From)
        {
            errors.Add("to", "error.range_reversed");
        }
    }

    /// <summary><c>granted</c> or <c>refused</c>, in any case; letters only, since Enum.TryParse would also take "1".</summary>
    public AccessOutcome? OutcomeValue =>
        Outcome is { Length: > 0 } text && text.All(char.IsAsciiLetter) && Enum.TryParse(text, ignoreCase: true, out AccessOutcome value)
            ? value
            : null;
}

/// <summary>One entry of the access log as Civil Affairs sees it: never a health field, only which fields were returned.</summary>
public sealed record AccessLogEntryResponse(
    Guid Id, Guid ElderId, string Actor, string? ClientId, string? Person, string? OrganisationType, Guid? OrganisationId, string? Endpoint,
    AccessOutcome Outcome, string? RefusalReason, string[] Fields, AccessPurpose? Purpose, Guid? OrderId, DateTimeOffset AccessedAt,
    string? TraceId)
{
    public static AccessLogEntryResponse From(SensitiveAccessEntry e) =>
        new(e.Id, e.ElderId, e.Actor, e.ClientId, e.Person, e.OrganisationType, e.OrganisationId, e.Endpoint, e.Outcome, e.RefusalReason,
            e.Fields, e.Purpose, e.OrderId, e.AccessedAt, e.TraceId);
}

/// <summary>Every break in the access log's chains, named with its evidence; empty when the log holds.</summary>
public sealed record AccessLogVerificationResponse(bool Holds, IReadOnlyList<string> Violations);

public sealed record KeyUsage(string KeyId, bool Current, int Values);

public sealed record RotationRequest(int? Batch) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (Batch is not null)
        {
            errors.InRange("batch", Batch, 1, 5000);
        }
    }
}

public sealed record RotationResponse(string CurrentKeyId, int Rewritten, int Remaining);

/// <summary>The access log for Civil Affairs, and the state of the encryption keys (which are in use, re-encrypting under the current one).</summary>
public static class ProtectionEndpoints
{
    public static RouteGroupBuilder MapProtectionEndpoints(this RouteGroupBuilder api)
    {
        var protection = api.MapGroup("").WithTags("Sensitive data");
        protection.MapGet("/access-log", AccessLog).WithName("ListSensitiveAccessLog")
            .WithSummary("Who read, or was refused, whose sensitive fields, where, which, why, when; newest first, paged (Civil Affairs)")
            .RequireScope(Scopes.ElderCareHealth).RequireOrganisation(OrganisationTypes.CivilAffairs);
        protection.MapGet("/access-log/verification", VerifyAccessLog).WithName("VerifySensitiveAccessLog")
            .WithSummary("Check every actor's chain of the access log: in place, linked, hashes matching under the key (Civil Affairs)")
            .RequireScope(Scopes.ElderCareHealth).RequireOrganisation(OrganisationTypes.CivilAffairs);
        protection.MapGet("/encryption-keys", KeyUsages).WithName("ListEncryptionKeyUsage")
            .WithSummary("How many stored values each key id encrypts; a key may be removed from configuration once it encrypts none (Civil Affairs)")
            .RequireScope(Scopes.ElderCareHealth).RequireOrganisation(OrganisationTypes.CivilAffairs);
        protection.MapPost("/encryption-keys/rotation", Rotate).WithName("RotateEncryptionKeys")
            .WithSummary("Re-encrypt up to a batch of profiles still written with an older key under the current key (Civil Affairs)")
            .RequireScope(Scopes.ElderCareHealth).RequireOrganisation(OrganisationTypes.CivilAffairs).AsAuditedCommand();
        return api;
    }

    public static async Task<Ok<Page<AccessLogEntryResponse>>> AccessLog(
        [AsParameters] AccessLogQuery query, ElderCareDbContext db, CancellationToken ct)
    {
        var entries = db.SensitiveAccessLog.AsNoTracking();
        if (query.ElderId is { } elderId)
        {
            entries = entries.Where(e => e.ElderId == elderId);
        }

        if (query.Actor is { Length: > 0 } actor)
        {
            entries = entries.Where(e => e.Actor == actor);
        }

        if (query.OutcomeValue is { } outcome)
        {
            entries = entries.Where(e => e.Outcome == outcome);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.AccessedAt >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.AccessedAt < to);
        }

        var (offset, limit) = (query.Offset ?? 0, query.Limit ?? 200);
        var total = await entries.CountAsync(ct);
        var page = await entries.OrderByDescending(e => e.Sequence).Skip(offset).Take(limit).ToListAsync(ct);
        return TypedResults.Ok(new Page<AccessLogEntryResponse>(page.Select(AccessLogEntryResponse.From).ToList(), total, offset, limit));
    }

    public static async Task<Ok<AccessLogVerificationResponse>> VerifyAccessLog(AccessLogIntegrity integrity, CancellationToken ct)
    {
        var violations = await integrity.FindViolationsAsync(ct);
        return TypedResults.Ok(new AccessLogVerificationResponse(violations.Count == 0, violations));
    }

    public static async Task<Ok<List<KeyUsage>>> KeyUsages(ElderCareDbContext db, CareRecordCipher cipher, CancellationToken ct)
    {
        var heads = await db.ElderProfiles.AsNoTracking()
            .Select(e => new
            {
                IdNumber = e.IdNumberCiphertext.Substring(0, 40),
                Contacts = e.EmergencyContactsCiphertext.Substring(0, 40),
                Health = e.HealthNotesCiphertext == null ? null : e.HealthNotesCiphertext.Substring(0, 40),
                Needs = e.CareNeedsCiphertext == null ? null : e.CareNeedsCiphertext.Substring(0, 40),
            })
            .ToListAsync(ct);
        var counts = heads.SelectMany(h => new[] { h.IdNumber, h.Contacts, h.Health, h.Needs }).OfType<string>()
            .GroupBy(SensitiveFieldProtector.KeyIdOf).ToDictionary(g => g.Key, g => g.Count());
        counts.TryAdd(cipher.CurrentKeyId, 0);
        return TypedResults.Ok(counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new KeyUsage(c.Key, c.Key == cipher.CurrentKeyId, c.Value)).ToList());
    }

    public static async Task<Ok<RotationResponse>> Rotate(RotationRequest request, ElderCareDbContext db, CareRecordCipher cipher, TimeProvider time, CancellationToken ct)
    {
        var prefix = $"v1:{cipher.CurrentKeyId}:";
        var stale = db.ElderProfiles.Where(e => !e.IdNumberCiphertext.StartsWith(prefix) || !e.EmergencyContactsCiphertext.StartsWith(prefix)
                                                || (e.HealthNotesCiphertext != null && !e.HealthNotesCiphertext.StartsWith(prefix))
                                                || (e.CareNeedsCiphertext != null && !e.CareNeedsCiphertext.StartsWith(prefix)));
        var batch = await stale.OrderBy(e => e.Id).Take(request.Batch ?? 500).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var profile in batch)
        {
            cipher.Reseal(profile);
            profile.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RotationResponse(cipher.CurrentKeyId, batch.Count, await stale.CountAsync(ct)));
    }
}
