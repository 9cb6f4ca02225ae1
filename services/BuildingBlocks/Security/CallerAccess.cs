using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// Who the caller is, from the validated token, for object-level access: county departments act on
/// every community; a township, property company or other partner only on its own; an owner only on
/// what they own. Services turn this into query filters in one place (their DbContext).
/// </summary>
public sealed class CallerAccess
{
    public static readonly CallerAccess System = new((ClaimsPrincipal?)null) { IsSystem = true };

    /// <summary>From the current request; outside any request (event handlers, relays, commands) the caller is the system.</summary>
    public CallerAccess(IHttpContextAccessor? accessor)
        : this(accessor?.HttpContext?.User)
    {
        IsSystem = accessor?.HttpContext is null;
    }

    private CallerAccess(ClaimsPrincipal? user)
    {
        Subject = user?.FindFirstValue(PlatformClaims.Subject);
        ClientId = user?.FindFirstValue(PlatformClaims.ClientId);
        OrganisationType = user?.FindFirstValue(PlatformClaims.OrganisationType);
        OrganisationId = Guid.TryParse(user?.FindFirstValue(PlatformClaims.OrganisationId), out var organisation) ? organisation : null;
        IsAuthenticated = user?.Identity?.IsAuthenticated == true;
    }

    public static CallerAccess For(ClaimsPrincipal user) => new(user);

    /// <summary>Work outside a request (event handlers, relays, commands): not limited.</summary>
    public bool IsSystem { get; private init; }

    public bool IsAuthenticated { get; }

    public string? Subject { get; }

    public string? ClientId { get; }

    public string? OrganisationType { get; }

    public Guid? OrganisationId { get; }

    public bool IsCountyWide => IsSystem || (OrganisationType is not null && OrganisationTypes.Departments.Contains(OrganisationType));

    public bool IsOwner => OrganisationType == OrganisationTypes.Owner;

    /// <summary>The owner's registry id when the caller is an owner.</summary>
    public Guid? OwnerId => IsOwner && Guid.TryParse(Subject, out var owner) ? owner : null;

    /// <summary>For an owner: the units they own now and their communities (loaded once per request).</summary>
    public IReadOnlyList<Guid> OwnedUnitIds { get; private set; } = [];

    public IReadOnlyList<Guid> OwnedCommunityIds { get; private set; } = [];

    public void SetOwnerHoldings(IReadOnlyList<Guid> unitIds, IReadOnlyList<Guid> communityIds)
    {
        OwnedUnitIds = unitIds;
        OwnedCommunityIds = communityIds;
    }

    public Guid? TownshipId => OrganisationType == OrganisationTypes.Township ? OrganisationId : null;

    public Guid? PropertyCompanyId => OrganisationType == OrganisationTypes.PropertyCompany ? OrganisationId : null;

    public Guid? ParkingOperatorId => OrganisationType == OrganisationTypes.ParkingOperator ? OrganisationId : null;

    /// <summary>For logs and the audit trail: the client id, or "owner:&lt;id&gt;".</summary>
    public string Actor => IsSystem ? "system" : IsOwner ? $"owner:{Subject}" : ClientId ?? Subject ?? "anonymous";
}
