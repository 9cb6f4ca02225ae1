using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Kernel.People;
using Platform.ElderCare.Api.Infrastructure;
using Platform.ElderCare.Api.Protection;
using Platform.ElderCare.Domain.Access;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Elders;

/// <summary>Elderly residents' profiles (seed item 14): registered and reassessed by Civil Affairs; the care record read under the access log.</summary>
public static class ElderEndpoints
{
    public static RouteGroupBuilder MapElderEndpoints(this RouteGroupBuilder api)
    {
        var elders = api.MapGroup("").WithTags("Elderly residents");
        elders.MapPost("/communities/{communityId:guid}/elders", Register).WithName("RegisterElder")
            .WithSummary("Register an elderly resident with their assessment, health notes, care needs, emergency contacts and consent (Civil Affairs)")
            .RequireScope(Scopes.ElderCareWrite).RequireOrganisation(OrganisationTypes.CivilAffairs).AsAuditedCommand();
        elders.MapGet("/elders", List).WithName("ListElders")
            .WithSummary("The people the caller may see, without sensitive fields; optionally of one community").RequireScope(Scopes.ElderCareRead);
        elders.MapGet("/elders/{elderId:guid}", Get).WithName("GetElder")
            .WithSummary("A person's profile without sensitive fields").RequireScope(Scopes.ElderCareRead);
        elders.MapGet("/elders/{elderId:guid}/care-record", CareRecord).WithName("GetCareRecord")
            .WithSummary("The sensitive fields (ID number, ability level, health notes, care needs, emergency contacts): Civil Affairs, "
                          + "the provider of an active order, the guardian or the person; every read and every refusal is logged")
            .RequireScope(Scopes.ElderCareHealth).RecordsRefusedReads();
        elders.MapPut("/elders/{elderId:guid}/care-record", UpdateCareRecord).WithName("UpdateCareRecord")
            .WithSummary("Record a new assessment and care record (Civil Affairs); written with the current key")
            .RequireScope(Scopes.ElderCareWrite).RequireOrganisation(OrganisationTypes.CivilAffairs).AsAuditedCommand();
        elders.MapPut("/elders/{elderId:guid}/guardian", ChangeGuardian).WithName("ChangeGuardian")
            .WithSummary("Name the person's guardian anew, or none (Civil Affairs): a former guardian loses access at once")
            .RequireScope(Scopes.ElderCareWrite).RequireOrganisation(OrganisationTypes.CivilAffairs).AsAuditedCommand();
        return api;
    }

    public static async Task<Results<Created<ElderResponse>, ValidationProblem, ProblemHttpResult>> Register(
        Guid communityId, RegisterElderRequest request, [AsParameters] ElderRegistrationServices services, CancellationToken ct)
    {
        var (db, cipher, access, calendar) = services;
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var now = calendar.Now;
        var errors = new ValidationErrors();
        if (request.UnitId is { } unitId && !await db.Set<RegistryUnit>().AnyAsync(u => u.Id == unitId && u.CommunityId == communityId, ct))
        {
            errors.Add("unitId", "error.unit_not_in_community");
        }

        var today = calendar.DateOf(now);
        if (request.AssessedOn > today)
        {
            errors.Add("assessedOn", "error.in_future");
        }

        if (request.Consent!.ConsentedOn > today)
        {
            errors.Add("consent.consentedOn", "error.in_future");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, ElderCareText.Messages);
        }

        var idNumber = ResidentIdNumber.Normalize(request.IdNumber!);
        var index = cipher.IdNumberIndex(idNumber);
        if (await db.ElderProfiles.IgnoreQueryFilters().AnyAsync(e => e.IdNumberIndex == index, ct))
        {
            return Problems.Conflict("elder_registered", ElderCareText.Messages);
        }

        var id = Guid.CreateVersion7(now);
        var profile = new ElderProfile
        {
            Id = id, CommunityId = communityId, UnitId = request.UnitId, Address = request.Address?.Trim(), Name = request.Name!.Trim(),
            MaskedIdNumber = ResidentIdNumber.Mask(idNumber), IdNumberIndex = index, IdNumberCiphertext = cipher.SealIdNumber(id, idNumber),
            LivingSituation = request.LivingSituation!.Value, EmergencyContactsCiphertext = "", AbilityLevel = request.AbilityLevel!.Value,
            AssessedOn = request.AssessedOn!.Value, Assessor = request.Assessor!.Trim(), ResidentOwnerId = request.ResidentOwnerId,
            GuardianOwnerId = request.GuardianOwnerId, ConsentedBy = request.Consent.ConsentedBy!.Trim(), ConsentedOn = request.Consent.ConsentedOn!.Value,
            ConsentPurpose = request.Consent.Purpose!.Trim(), RegisteredBy = access.Actor, RegisteredAt = now, UpdatedAt = now,
        };
        cipher.SealCare(profile, request.HealthNotes, request.CareNeeds, request.EmergencyContacts!);
        db.ElderProfiles.Add(profile);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ElderCareApi.Prefix}/elders/{id}", ElderResponse.From(profile));
    }

    public static async Task<Ok<Page<ElderResponse>>> List(
        [AsParameters] ListEldersQuery query, [AsParameters] PageQuery page, ElderCareDbContext db, CancellationToken ct)
    {
        var elders = db.ElderProfiles.AsNoTracking();
        if (query.CommunityId is { } communityId)
        {
            elders = elders.Where(e => e.CommunityId == communityId);
        }

        return TypedResults.Ok(await elders.OrderBy(e => e.Id).PageAsync(page, ElderResponse.From, ct));
    }

    public static async Task<Results<Ok<ElderResponse>, ProblemHttpResult>> Get(Guid elderId, ElderCareDbContext db, CancellationToken ct) =>
        await db.ElderProfiles.AsNoTracking().FirstOrDefaultAsync(e => e.Id == elderId, ct) is { } profile
            ? TypedResults.Ok(ElderResponse.From(profile))
            : Problems.NotFound("elder");

    /// <summary>
    /// Who may read the sensitive fields, and why by default: Civil Affairs (supervision), the provider that accepted an
    /// order for the person and has not finished it (that visit; an order only offered shows the profile, not this), their
    /// guardian or the person (personal review). A township sees the profile, not this. Never cached by a client or proxy.
    /// A refusal (404 or 403) is logged too, with its reason, so Civil Affairs sees who probes whom; bad input (400) is not a read.
    /// </summary>
    public static async Task<Results<Ok<CareRecordResponse>, ValidationProblem, ProblemHttpResult>> CareRecord(
        Guid elderId, [AsParameters] CareRecordQuery query, [AsParameters] CareRecordServices services, HttpContext http, CancellationToken ct)
    {
        var (db, cipher, log, access) = services;
        var profile = await db.ElderProfiles.AsNoTracking().FirstOrDefaultAsync(e => e.Id == elderId, ct);
        if (profile is null)
        {
            var exists = await db.ElderProfiles.IgnoreQueryFilters().AnyAsync(e => e.Id == elderId, ct);
            var reason = CareRecordRefusal.ForHidden(exists, access.ProviderOrganisationId() is not null, access.IsOwner);
            await log.RecordRefusalAsync(elderId, reason, ct);
            return Problems.NotFound("elder");
        }

        AccessPurpose[] allowed;
        Guid? orderId = null;
        if (access.IsCivilAffairs())
        {
            allowed = [AccessPurpose.Supervision, AccessPurpose.Assessment, AccessPurpose.Emergency];
        }
        else if (db.WardElderIds.Contains(elderId))
        {
            allowed = [AccessPurpose.PersonalReview];
        }
        else if (access.ProviderOrganisationId() is { } organisationId
                 && await db.CareOrders.Where(o => o.ElderId == elderId && CareOrderStatuses.Assigned.Contains(o.Status)
                                                   && db.CareProviders.Any(p => p.Id == o.ProviderId && p.OrganisationId == organisationId))
                     .OrderBy(o => o.SlotStart).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct) is { } activeOrder)
        {
            allowed = [AccessPurpose.CareVisit, AccessPurpose.Emergency];
            orderId = activeOrder;
        }
        else
        {
            await log.RecordRefusalAsync(elderId, CareRecordRefusal.ForVisible(access.ProviderOrganisationId() is not null), ct);
            return Problems.Forbidden("care_record_restricted", ElderCareText.Messages);
        }

        var purpose = query.Purpose ?? allowed[0];
        if (!allowed.Contains(purpose))
        {
            return Problems.Validation(new ValidationErrors().Add("purpose", "error.purpose_not_allowed", string.Join(", ", allowed)), ElderCareText.Messages);
        }

        var record = cipher.Open(profile, purpose);
        await log.RecordReadAsync(elderId, ElderProfile.SensitiveFields, purpose, orderId, ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(record);
    }

    public static async Task<Results<Ok<ElderResponse>, ValidationProblem, ProblemHttpResult>> UpdateCareRecord(
        Guid elderId, UpdateCareRecordRequest request, ElderCareDbContext db, CareRecordCipher cipher, BusinessCalendar calendar, CancellationToken ct)
    {
        var profile = await db.ElderProfiles.FirstOrDefaultAsync(e => e.Id == elderId, ct);
        if (profile is null)
        {
            return Problems.NotFound("elder");
        }

        var now = calendar.Now;
        if (request.AssessedOn > calendar.DateOf(now))
        {
            return Problems.Validation(new ValidationErrors().Add("assessedOn", "error.in_future"), ElderCareText.Messages);
        }

        profile.AbilityLevel = request.AbilityLevel!.Value;
        profile.AssessedOn = request.AssessedOn!.Value;
        profile.Assessor = request.Assessor!.Trim();
        cipher.SealCare(profile, request.HealthNotes, request.CareNeeds, request.EmergencyContacts!);
        cipher.ResealIdNumber(profile);
        profile.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ElderResponse.From(profile));
    }

    /// <summary>
    /// A guardian appointed anew or released (a court's decision, a family's change, a death): access follows at once,
    /// since owners' wards are loaded per request. Who changed it and when is in the audit trail.
    /// </summary>
    public static async Task<Results<Ok<ElderResponse>, ValidationProblem, ProblemHttpResult>> ChangeGuardian(
        Guid elderId, ChangeGuardianRequest request, ElderCareDbContext db, TimeProvider time, CancellationToken ct)
    {
        var profile = await db.ElderProfiles.FirstOrDefaultAsync(e => e.Id == elderId, ct);
        if (profile is null)
        {
            return Problems.NotFound("elder");
        }

        if (request.GuardianOwnerId is { } guardian && guardian == profile.ResidentOwnerId)
        {
            return Problems.Validation(new ValidationErrors().Add("guardianOwnerId", "error.guardian_is_the_person"), ElderCareText.Messages);
        }

        (profile.GuardianOwnerId, profile.UpdatedAt) = (request.GuardianOwnerId, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ElderResponse.From(profile));
    }
}

/// <summary>What registering a person needs besides the request: the database, the cipher, the caller, the calendar.</summary>
public sealed record ElderRegistrationServices(ElderCareDbContext Db, CareRecordCipher Cipher, CallerAccess Access, BusinessCalendar Calendar);

/// <summary>What reading a care record needs besides the query: the database, the cipher, the access log, the caller.</summary>
public sealed record CareRecordServices(ElderCareDbContext Db, CareRecordCipher Cipher, SensitiveAccessLog Log, CallerAccess Access);
