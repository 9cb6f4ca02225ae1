using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Registry;

public static class PropertyCompanyEndpoints
{
    public static void MapPropertyCompanyEndpoints(this RouteGroupBuilder api)
    {
        var companies = api.MapGroup("/property-companies").WithTags("Property companies");
        companies.MapPost("/", Register).WithName("RegisterPropertyCompany").WithSummary("Register a property company (物业服务企业)")
            .RequireScope(Scopes.GovernanceWrite).RequireCountyWide().AsAuditedCommand();
        companies.MapGet("/", List).WithName("ListPropertyCompanies").WithSummary("List property companies").RequireScope(Scopes.GovernanceRead);
        companies.MapGet("/{companyId:guid}", Get).WithName("GetPropertyCompany").WithSummary("One property company").RequireScope(Scopes.GovernanceRead);
    }

    public static async Task<Results<Created<PropertyCompanyResponse>, ProblemHttpResult>> Register(
        RegisterPropertyCompanyRequest request, GovernanceDbContext db, CancellationToken ct)
    {
        var code = request.UnifiedSocialCreditCode!;
        if (await db.PropertyCompanies.AnyAsync(c => c.UnifiedSocialCreditCode == code, ct))
        {
            return Problems.Conflict("credit_code_taken", GovernanceText.Messages, code);
        }

        var company = new PropertyCompany(Guid.CreateVersion7(), request.Name!.Trim(), code);
        db.PropertyCompanies.Add(company);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/property-companies/{company.Id}", ToResponse(company));
    }

    public static async Task<Ok<List<PropertyCompanyResponse>>> List(GovernanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.PropertyCompanies.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new PropertyCompanyResponse(c.Id, c.Name, c.UnifiedSocialCreditCode)).ToListAsync(ct));

    public static async Task<Results<Ok<PropertyCompanyResponse>, ProblemHttpResult>> Get(Guid companyId, GovernanceDbContext db, CancellationToken ct) =>
        await db.PropertyCompanies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == companyId, ct) is { } company
            ? TypedResults.Ok(ToResponse(company))
            : Problems.NotFound("property_company");

    private static PropertyCompanyResponse ToResponse(PropertyCompany c) => new(c.Id, c.Name, c.UnifiedSocialCreditCode);
}
