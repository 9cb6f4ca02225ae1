using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.ElderCare.Api.Infrastructure;

namespace Platform.ElderCare.Api.Providers;

/// <summary>The service catalogue (菜单式服务): providers under contract, what each offers where, at what price and subsidy.</summary>
public static class ProviderEndpoints
{
    public static RouteGroupBuilder MapProviderEndpoints(this RouteGroupBuilder api)
    {
        var providers = api.MapGroup("").WithTags("Providers and catalogue");
        providers.MapPost("/providers", Register).WithName("RegisterCareProvider")
            .WithSummary("Contract a provider — a care firm or a property company (物业+养老) — with its services, coverage, daily capacity, price and subsidy by ability level (Civil Affairs)")
            .RequireScope(Scopes.ElderCareWrite).RequireOrganisation(OrganisationTypes.CivilAffairs).AsAuditedCommand();
        providers.MapPut("/providers/{providerId:guid}/offerings", SetOfferings).WithName("SetCareOfferings")
            .WithSummary("Replace a provider's menu (Civil Affairs); matched orders keep their charge")
            .RequireScope(Scopes.ElderCareWrite).RequireOrganisation(OrganisationTypes.CivilAffairs).AsAuditedCommand();
        providers.MapGet("/providers", List).WithName("ListCareProviders")
            .WithSummary("Providers with their menus: every one to county departments, its own to a provider").RequireScope(Scopes.ElderCareRead);
        providers.MapGet("/providers/{providerId:guid}", Get).WithName("GetCareProvider").WithSummary("A provider and its menu").RequireScope(Scopes.ElderCareRead);
        providers.MapGet("/catalogue", Catalogue).WithName("GetCareCatalogue")
            .WithSummary("The menu of one community: each service, who offers it, its price and the subsidy per ability level").RequireScope(Scopes.ElderCareRead);
        return api;
    }

    public static async Task<Results<Created<ProviderResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterProviderRequest request, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        if (await UnknownCommunities(db, request.Offerings!, ct) is { IsEmpty: false } errors)
        {
            return Problems.Validation(errors, ElderCareText.Messages);
        }

        if (await db.CareProviders.IgnoreQueryFilters().AnyAsync(p => p.OrganisationId == request.OrganisationId, ct))
        {
            return Problems.Conflict("provider_registered", ElderCareText.Messages, request.OrganisationId);
        }

        var now = time.GetUtcNow();
        var provider = new CareProvider
        {
            Id = Guid.CreateVersion7(now), OrganisationId = request.OrganisationId!.Value, OrganisationType = request.OrganisationType!, Name = request.Name!.Trim(),
            RegisteredBy = access.Actor, RegisteredAt = now, UpdatedAt = now,
        };
        provider.Offerings.AddRange(request.Offerings!.Select(o => Offering(provider.Id, o, now)));
        db.CareProviders.Add(provider);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ElderCareApi.Prefix}/providers/{provider.Id}", ProviderResponse.From(provider));
    }

    public static async Task<Results<Ok<ProviderResponse>, ValidationProblem, ProblemHttpResult>> SetOfferings(
        Guid providerId, SetOfferingsRequest request, ElderCareDbContext db, TimeProvider time, CancellationToken ct)
    {
        var provider = await db.CareProviders.Include(p => p.Offerings).FirstOrDefaultAsync(p => p.Id == providerId, ct);
        if (provider is null)
        {
            return Problems.NotFound("care_provider");
        }

        if (await UnknownCommunities(db, request.Offerings!, ct) is { IsEmpty: false } errors)
        {
            return Problems.Validation(errors, ElderCareText.Messages);
        }

        var now = time.GetUtcNow();
        db.CareOfferings.RemoveRange(provider.Offerings);
        // The old rows go first: (provider, service) is unique.
        await db.SaveChangesAsync(ct);
        provider.Offerings.Clear();
        provider.Offerings.AddRange(request.Offerings!.Select(o => Offering(provider.Id, o, now)));
        provider.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ProviderResponse.From(provider));
    }

    public static async Task<Ok<Page<ProviderResponse>>> List([AsParameters] PageQuery page, ElderCareDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.CareProviders.AsNoTracking().Include(p => p.Offerings).OrderBy(p => p.Name).ThenBy(p => p.Id)
            .PageAsync(page, ProviderResponse.From, ct));

    public static async Task<Results<Ok<ProviderResponse>, ProblemHttpResult>> Get(Guid providerId, ElderCareDbContext db, CancellationToken ct) =>
        await db.CareProviders.AsNoTracking().Include(p => p.Offerings).FirstOrDefaultAsync(p => p.Id == providerId, ct) is { } provider
            ? TypedResults.Ok(ProviderResponse.From(provider))
            : Problems.NotFound("care_provider");

    /// <summary>The menu is public within the platform (prices and subsidies are published policy), so it reads past the provider filter.</summary>
    public static async Task<Results<Ok<Page<CatalogueEntry>>, ProblemHttpResult>> Catalogue(
        [AsParameters] CatalogueQuery query, [AsParameters] PageQuery page, ElderCareDbContext db, CancellationToken ct)
    {
        var communityId = query.CommunityId!.Value;
        if (!await db.Set<RegistryCommunity>().IgnoreQueryFilters().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var entries = db.CareOfferings.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.CommunityIds.Contains(communityId) && (query.Service == null || o.Service == query.Service))
            .Join(db.CareProviders.IgnoreQueryFilters(), o => o.ProviderId, p => p.Id, (o, p) => new { o, p })
            .OrderBy(x => x.o.Service).ThenBy(x => x.o.PriceFen).ThenBy(x => x.p.Id);
        return TypedResults.Ok(await entries.PageAsync(page, x => new CatalogueEntry(x.p.Id, x.p.Name, x.o.Service, x.o.PriceFen, x.o.SubsidyByLevelFen,
            x.o.DailyCapacity, ProviderResponse.AverageOf(x.p.RatingSum, x.p.RatingCount), x.p.RatingCount), ct));
    }

    private static CareOffering Offering(Guid providerId, OfferingRequest o, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), ProviderId = providerId, Service = o.Service!.Value, CommunityIds = o.CommunityIds!, DailyCapacity = o.DailyCapacity!.Value,
        PriceFen = o.PriceFen!.Value, SubsidyByLevelFen = o.SubsidyByLevelFen!,
    };

    private static async Task<ValidationErrors> UnknownCommunities(ElderCareDbContext db, OfferingRequest[] offerings, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var wanted = offerings.SelectMany(o => o.CommunityIds!).Distinct().ToList();
        var known = await db.Set<RegistryCommunity>().IgnoreQueryFilters().Where(c => wanted.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        for (var i = 0; i < offerings.Length; i++)
        {
            if (offerings[i].CommunityIds!.Any(c => !known.Contains(c)))
            {
                errors.Add($"offerings[{i}].communityIds", "error.unknown_communities");
            }
        }

        return errors;
    }
}
