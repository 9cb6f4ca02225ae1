using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.Errors;

public static class ProblemDetailsExtensions
{
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if (problem.Type is null or "https://tools.ietf.org/html/rfc9110#section-15.5.5")
            {
                problem.Type = problem.Status switch
                {
                    StatusCodes.Status404NotFound => ProblemTypes.NotFound,
                    StatusCodes.Status413PayloadTooLarge => ProblemTypes.PayloadTooLarge,
                    >= 500 => ProblemTypes.Internal,
                    _ => problem.Type,
                };
            }
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<ConcurrencyExceptionHandler>();
        return services;
    }
}
