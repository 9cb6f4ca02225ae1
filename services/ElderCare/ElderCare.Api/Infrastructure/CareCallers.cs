using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Infrastructure;

/// <summary>The roles eldercare tells apart in a caller.</summary>
public static class CareCallers
{
    public static bool IsCivilAffairs(this CallerAccess access) => access.OrganisationType == OrganisationTypes.CivilAffairs;

    /// <summary>The organisation a provider acts for: a care firm, or a property company under "property + care".</summary>
    public static Guid? ProviderOrganisationId(this CallerAccess access) =>
        access.OrganisationType is OrganisationTypes.CareProvider or OrganisationTypes.PropertyCompany ? access.OrganisationId : null;

    /// <summary>
    /// The caller as the care-order rules see it: an owner counts as the person or guardian only with someone in care; a
    /// provider's organisation brings the providers it runs (those its filter shows).
    /// </summary>
    public static async Task<CareCaller> CareCallerAsync(this CallerAccess access, ElderCareDbContext db, CancellationToken ct)
    {
        if (access.IsCivilAffairs())
        {
            return CareCaller.CivilAffairs;
        }

        if (access.TownshipId is not null)
        {
            return CareCaller.CommunityWorker;
        }

        if (access.OwnerId is not null)
        {
            return db.WardElderIds.Count > 0 ? CareCaller.PersonOrGuardian : CareCaller.Nobody;
        }

        return access.ProviderOrganisationId() is { } organisationId
            ? CareCaller.ProviderRunning([.. await db.CareProviders.Where(p => p.OrganisationId == organisationId).Select(p => p.Id).ToListAsync(ct)])
            : CareCaller.Nobody;
    }

    /// <summary>The refused transition as the HTTP problem the API answers: 403 for the wrong caller, 409 for the wrong state.</summary>
    public static ProblemHttpResult ToProblem(this CareOrderRefusal refusal) => refusal.Kind == CareOrderRefusalKind.NotAllowed
        ? Problems.Forbidden(refusal.Code, ElderCareText.Messages, [.. refusal.Args])
        : Problems.Conflict(refusal.Code, ElderCareText.Messages, [.. refusal.Args]);

    /// <summary>Queues the events the order recorded; they are published only if the save commits.</summary>
    public static void AddIntegrationEvents(this ElderCareDbContext db, CareOrder order, DateTimeOffset now) =>
        db.AddIntegrationEvents(order.TakeIntegrationEvents(), now);
}
