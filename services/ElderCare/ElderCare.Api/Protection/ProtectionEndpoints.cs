using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.ElderCare.Api.Elders;
using Platform.ElderCare.Api.Infrastructure;

namespace Platform.ElderCare.Api.Protection;

public sealed record AccessLogQuery(Guid? ElderId, string? Actor, DateTimeOffset? From, DateTimeOffset? To, int? Limit) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Optional("actor", Actor);
        if (Limit is not null)
        {
            errors.InRange("limit", Limit, 1, 1000);
        }

        if (From is not null && To is not null && To < From)
        {
            errors.Add("to", "error.range_reversed");
        }
    }
}

public sealed record AccessLogEntryResponse(
    Guid Id, Guid ElderId, string Actor, string? OrganisationType, Guid? OrganisationId, string[] Fields, AccessPurpose Purpose, Guid? OrderId,
    DateTimeOffset AccessedAt, string? TraceId)
{
    public static AccessLogEntryResponse From(SensitiveAccessEntry e) =>
        new(e.Id, e.ElderId, e.Actor, e.OrganisationType, e.OrganisationId, e.Fields, e.Purpose, e.OrderId, e.AccessedAt, e.TraceId);
}

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
            .WithSummary("Who read whose sensitive fields, which, why and when; newest first (Civil Affairs)")
            .RequireScope(Scopes.ElderCareHealth).RequireOrganisation(OrganisationTypes.CivilAffairs);
        protection.MapGet("/encryption-keys", KeyUsages).WithName("ListEncryptionKeyUsage")
            .WithSummary("How many stored values each key id encrypts; a key may be removed from configuration once it encrypts none (Civil Affairs)")
            .RequireScope(Scopes.ElderCareHealth).RequireOrganisation(OrganisationTypes.CivilAffairs);
        protection.MapPost("/encryption-keys/rotation", Rotate).WithName("RotateEncryptionKeys")
            .WithSummary("Re-encrypt up to a batch of profiles still written with an older key under the current key (Civil Affairs)")
            .RequireScope(Scopes.ElderCareHealth).RequireOrganisation(OrganisationTypes.CivilAffairs).AsAuditedCommand();
        return api;
    }

    public static async Task<Ok<List<AccessLogEntryResponse>>> AccessLog([AsParameters] AccessLogQuery query, ElderCareDbContext db, CancellationToken ct)
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

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.AccessedAt >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.AccessedAt < to);
        }

        var list = await entries.OrderByDescending(e => e.AccessedAt).ThenByDescending(e => e.Id).Take(query.Limit ?? 200).ToListAsync(ct);
        return TypedResults.Ok(list.Select(AccessLogEntryResponse.From).ToList());
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
