using System.Resources;
using Platform.BuildingBlocks.Errors;

namespace Platform.Gateway.Resources;

/// <summary>The gateway's own user-facing text (Messages.resx zh-CN, Messages.en.resx), falling back to the common messages.</summary>
public static class GatewayText
{
    public static readonly Text Messages = new(
        new ResourceManager("Platform.Gateway.Resources.Messages", typeof(GatewayText).Assembly), Text.Common);
}
