using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;

namespace Platform.BuildingBlocks.Hosting;

public static class ServiceDefaults
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    /// <summary>
    /// What every platform host gets: telemetry, health, problem details, JSON conventions,
    /// zh-CN/en text, OpenAPI, gRPC and the HTTP + gRPC ports.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSingleton(new ServiceIdentity(serviceName));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services =>
            BusinessCalendar.From(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<TimeProvider>()));
        builder.AddPlatformTelemetry(serviceName);
        builder.ConfigurePorts();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: [HealthExtensions.Live]);

        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Every text and date field of every request, in one place: no control characters, no year-1 dates.
            options.SerializerOptions.Converters.Add(new PlainTextJsonConverter());
            options.SerializerOptions.Converters.Add(new PlausibleDateJsonConverter());
            options.SerializerOptions.Converters.Add(new UtcInstantJsonConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        builder.Services.AddPlatformProblemDetails();
        builder.AddPlatformAuthentication();
        // Unreadable input throws in every environment, so the handler can name the field (not a bare 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("zh-CN");
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
            options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
        builder.Services.AddOpenApi();
        builder.Services.AddGrpc(options => options.EnableDetailedErrors = builder.Environment.IsDevelopmentLike());
        return builder;
    }

    /// <summary>Middleware and endpoints every host maps: errors, localization, health, OpenAPI document.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseMiddleware<PlainTextRequestMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<RevocationCheck>();
        app.UseMiddleware<OwnerHoldingsMiddleware>();
        app.UseAuthorization();
        app.MapPlatformHealth();
        app.MapOpenApi("/openapi/v1.json").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// "Ports:Http" serves REST over HTTP/1.1, "Ports:Grpc" gRPC over cleartext HTTP/2 (without TLS there is
    /// no ALPN to offer both on one port). Absent both, ASP.NET's own URL settings apply. Read when the
    /// server starts, so test hosts can override them.
    /// </summary>
    private static void ConfigurePorts(this WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var configuration = context.Configuration;
            kestrel.Limits.MaxRequestBodySize = configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 1024 * 1024;
            var http = configuration.GetValue<int?>("Ports:Http");
            var grpc = configuration.GetValue<int?>("Ports:Grpc");
            var bind = configuration["Ports:Bind"] is { Length: > 0 } address ? IPAddress.Parse(address) : IPAddress.Any;
            if (http is { } httpPort)
            {
                kestrel.Listen(bind, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
            }

            if (grpc is { } grpcPort)
            {
                kestrel.Listen(bind, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            }
        });

    private static bool IsDevelopmentLike(this Microsoft.AspNetCore.Hosting.IWebHostEnvironment environment) =>
        environment.EnvironmentName is "Development" or "Testing";
}
