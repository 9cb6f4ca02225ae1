using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Infrastructure;

namespace Platform.Governance.Api.Registry;

public static class RegisterImportEndpoints
{
    public static void MapRegisterImportEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/communities/{communityId:guid}/imports", Import)
            .WithTags("Import")
            .WithName("ImportRegister")
            .WithSummary("Import a community's units and owners from CSV (text/csv, UTF-8)")
            .WithDescription("Columns: " + string.Join(", ", RegisterImport.Columns) +
                ". One bad row rejects the whole file, naming its line; rows already registered identically are skipped.")
            .Accepts<string>("text/csv")
            .RequireScope(Scopes.GovernanceWrite)
            .RequireRegistrar()
            .AsAuditedCommand();
    }

    public static async Task<Results<Ok<RegisterImportResult>, ValidationProblem, ProblemHttpResult>> Import(
        Guid communityId, HttpRequest request, GovernanceDbContext db, RegisterImport import, CancellationToken ct)
    {
        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        // Read in pieces: the body (up to 50 MiB) is buffered by PlainTextRequestMiddleware, never held as one string.
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var (result, errors) = await import.ImportAsync(communityId, reader, ct);
        if (result is null)
        {
            return TypedResults.ValidationProblem(
                errors.ToDictionary(GovernanceText.Messages),
                title: GovernanceText.Messages["problem.import_rejected"],
                type: ProblemTypes.For("import-rejected"));
        }

        return TypedResults.Ok(result);
    }
}
