using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// Two requests changed the same aggregate (row version) or raced for the same unique fact (a unique
/// index): the loser gets 409 and nothing of its request is written.
/// </summary>
public sealed class ConcurrencyExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var type = exception switch
        {
            DbUpdateConcurrencyException => ProblemTypes.ConcurrencyConflict,
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => ProblemTypes.Conflict,
            _ => null,
        };
        if (type is null)
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = type,
                Title = Text.Common["problem.concurrency"],
            },
        });
    }
}
