using Platform.BuildingBlocks.Security;

namespace Platform.ElderCare.Api.Infrastructure;

/// <summary>The roles eldercare tells apart in a caller.</summary>
public static class CareCallers
{
    public static bool IsCivilAffairs(this CallerAccess access) => access.OrganisationType == OrganisationTypes.CivilAffairs;

    /// <summary>The organisation a provider acts for: a care firm, or a property company under "property + care".</summary>
    public static Guid? ProviderOrganisationId(this CallerAccess access) =>
        access.OrganisationType is OrganisationTypes.CareProvider or OrganisationTypes.PropertyCompany ? access.OrganisationId : null;
}
