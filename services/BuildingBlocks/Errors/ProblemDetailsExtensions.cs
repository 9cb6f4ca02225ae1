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
            // The framework's defaults point at RFC sections; clients get the platform's stable types instead.
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Title = problem.Status switch
                {
                    StatusCodes.Status401Unauthorized => Text.Common["problem.unauthorized"],
                    StatusCodes.Status403Forbidden => Text.Common["problem.forbidden"],
                    StatusCodes.Status404NotFound => Text.Common["problem.not_found"],
                    _ => problem.Title,
                };
                problem.Type = problem.Status switch
                {
                    StatusCodes.Status401Unauthorized => ProblemTypes.Unauthorized,
                    StatusCodes.Status403Forbidden => ProblemTypes.Forbidden,
                    StatusCodes.Status404NotFound => ProblemTypes.NotFound,
                    StatusCodes.Status413PayloadTooLarge => ProblemTypes.PayloadTooLarge,
                    >= 500 => ProblemTypes.Internal,
                    _ => ProblemTypes.For($"http-{problem.Status}"),
                };
            }
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<ConcurrencyExceptionHandler>();
        services.AddOptions<TransientFaultOptions>().BindConfiguration(TransientFaultOptions.Section);
        services.AddExceptionHandler<TransientFaultExceptionHandler>();
        return services;
    }
}
