using System.Resources;

// Resource files without a culture suffix hold the zh-CN text, the platform's default language.
[assembly: NeutralResourcesLanguage("zh-CN")]
