using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Checkpoints;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.ElderCare.Api.Dashboards;
using Platform.ElderCare.Api.Elders;
using Platform.ElderCare.Api.Infrastructure;
using Platform.ElderCare.Api.Orders;
using Platform.ElderCare.Api.Protection;
using Platform.ElderCare.Api.Providers;
using Platform.ElderCare.Api.Statements;

namespace Platform.ElderCare.Api;

public static class ElderCareApi
{
    public const string ServiceName = "eldercare";
    public const string Prefix = $"/api/{ServiceName}/v1";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddPlatformService<ElderCareDbContext>(ServiceName,
            messaging => messaging.HandleRegistryEvents<ElderCareDbContext>(),
            new ChainLedger("access-log", "sensitive_access_log", "actor", "position"));

        // Checked when the host starts: without keys no sensitive field can be written or read.
        builder.Services.AddOptions<EncryptionOptions>().BindConfiguration("ElderCare:Encryption").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidation>();
        builder.Services.AddSingleton<SensitiveFieldProtector>();
        // The access log's entries linked before the chains shared one mechanism verify under their derived key.
        builder.Services.AddOptions<ChainOptions>().PostConfigure<IOptions<EncryptionOptions>>((chains, encryption) =>
        {
            if (SensitiveFieldProtector.AccessLogKey(encryption.Value.IndexKey) is { } key)
            {
                chains.Keys.TryAdd(SensitiveFieldProtector.AccessLogKeyId, key);
            }
        });
        builder.Services.AddScoped<CareRecordCipher>();
        builder.Services.AddScoped<SensitiveAccessLog>();
        builder.Services.AddScoped<AccessLogIntegrity>();
        builder.Services.AddScoped<IIntegrityCheck>(services => services.GetRequiredService<AccessLogIntegrity>());
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusedScopeRecorder>();
        builder.Services.AddScoped<ProviderMatcher>();
        builder.Services.AddScoped<OrderEscalationReview>();
        builder.Services.AddHostedService<OrderEscalationJob>();
    }

    public static void MapElderCareApi(this WebApplication app)
    {
        app.UseMiddleware<CareWardsMiddleware>();
        app.MapRegistryReadModelApi(Prefix, Scopes.ElderCareRead);
        app.MapGroup(Prefix).WithRequestValidation(ElderCareText.Messages)
            .MapElderEndpoints().MapProviderEndpoints().MapOrderEndpoints().MapProviderStatementEndpoints().MapDashboardEndpoints().MapProtectionEndpoints();
        app.MapPublicCheckpoints(ServiceName);
    }
}
