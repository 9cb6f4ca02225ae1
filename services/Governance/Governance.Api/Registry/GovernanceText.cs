using System.Resources;
using Platform.BuildingBlocks.Errors;

namespace Platform.Governance.Api.Registry;

/// <summary>Governance's own user-facing text (Resources/Messages*.resx; zh-CN neutral, en).</summary>
public static class GovernanceText
{
    public static readonly Text Messages = new(new ResourceManager("Platform.Governance.Api.Resources.Messages", typeof(GovernanceText).Assembly), Text.Common);
}
