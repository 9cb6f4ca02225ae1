namespace Platform.BuildingBlocks.Security;

/// <summary>Claims the identity service puts in access tokens, and what services read from them.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string ClientId = "client_id";
    public const string Scope = "scope";

    /// <summary>Which kind of organisation (or an owner) the caller is; see <see cref="OrganisationTypes"/>.</summary>
    public const string OrganisationType = "org_type";

    /// <summary>The township, property company, care provider or parking operator the client acts for.</summary>
    public const string OrganisationId = "org_id";
}

/// <summary>Who calls the platform (plan.md "Who uses it").</summary>
public static class OrganisationTypes
{
    public const string Housing = "housing";
    public const string DevelopmentAndReform = "development-reform";
    public const string MarketRegulation = "market-regulation";
    public const string Finance = "finance";
    public const string Police = "police";
    public const string NaturalResources = "natural-resources";
    public const string CivilAffairs = "civil-affairs";
    public const string Township = "township";
    public const string PropertyCompany = "property-company";
    public const string CareProvider = "care-provider";
    public const string ParkingOperator = "parking-operator";
    public const string Owner = "owner";

    /// <summary>A platform service calling another (the identity service looking up an owner's phone).</summary>
    public const string PlatformService = "platform-service";

    /// <summary>County departments act on every community.</summary>
    public static readonly IReadOnlySet<string> Departments = new HashSet<string>
    {
        Housing, DevelopmentAndReform, MarketRegulation, Finance, Police, NaturalResources, CivilAffairs, PlatformService,
    };

    /// <summary>Organisations that act for one organisation id (and so only on its communities).</summary>
    public static readonly IReadOnlySet<string> Partners = new HashSet<string> { Township, PropertyCompany, CareProvider, ParkingOperator };

    public static bool IsKnown(string? type) => type is not null && (Departments.Contains(type) || Partners.Contains(type) || type == Owner);
}
