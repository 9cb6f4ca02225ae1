{{/* Labels of every object of the release. */}}
{{- define "platform.labels" -}}
app.kubernetes.io/part-of: platform
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ include "platform.tag" .root | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- with .name }}
app.kubernetes.io/name: {{ . }}
{{- end }}
{{- end }}

{{/* Selects the pods of one host (its Deployment's and its migration Job's). */}}
{{- define "platform.selector" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/name: {{ .name }}
{{- end }}

{{- define "platform.tag" -}}
{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "platform.image" -}}
{{- $image := .root.Values.image -}}
{{- $repository := printf "%s/%s" $image.repositoryPrefix .svc.image -}}
{{- if $image.registry }}{{ $repository = printf "%s/%s" $image.registry $repository }}{{ end -}}
{{ printf "%s:%s" $repository (include "platform.tag" .root) }}
{{- end }}

{{/* A host's settings: the defaults, overridden by its entry in `services`. */}}
{{- define "platform.service" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy .svc)) }}
{{- end }}

{{/* A setting read from an existing Secret. */}}
{{- define "platform.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "a secretName for %s" .name) .secretName }}
      key: {{ required (printf "a key for %s" .name) .key }}
{{- end }}

{{/* The pod security context every platform pod runs with: non-root, no privilege, default seccomp. */}}
{{- define "platform.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .runAsUser }}
runAsGroup: {{ .runAsUser }}
fsGroup: {{ .runAsUser }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "platform.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
{{- end }}

{{/* The root filesystem is read-only: .NET and ASP.NET Core write only below /tmp and the app user's home. */}}
{{- define "platform.scratchVolumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: home
  mountPath: /home/app
{{- end }}

{{- define "platform.scratchVolumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
- name: home
  emptyDir:
    sizeLimit: 64Mi
{{- end }}

{{/* Settings every host reads (ADR-002, ADR-004, design.md rule 7): ports, tokens, connections, OTLP. */}}
{{- define "platform.env" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $connections := $root.Values.connections.secretName -}}
- name: ASPNETCORE_ENVIRONMENT
  value: {{ $root.Values.environment | quote }}
- name: BusinessCalendar__TimeZone
  value: {{ $root.Values.businessTimeZone | quote }}
- name: Ports__Http
  value: "8080"
- name: Ports__Grpc
  value: "8081"
- name: Auth__Issuer
  value: {{ $root.Values.auth.issuer | quote }}
- name: Auth__Audience
  value: {{ $root.Values.auth.audience | quote }}
{{- range $index, $key := $root.Values.auth.publicKeys }}
{{ include "platform.secretEnv" (dict "name" (printf "Auth__SigningKeys__%d" $index) "secretName" $key.secretName "key" $key.key) }}
{{- end }}
{{- with $svc.database }}
{{- $database := . }}
{{ include "platform.secretEnv" (dict "name" (printf "ConnectionStrings__%s" .) "secretName" $connections "key" .) }}
# The host runs as a role that owns nothing and cannot migrate: the migration Job does, as the owner.
- name: Database__MigrateOnStartup
  value: "false"
- name: Chains__CurrentKeyId
  value: {{ $root.Values.chains.currentKeyId | quote }}
{{- range $id := $root.Values.chains.keyIds }}
{{ include "platform.secretEnv" (dict "name" (printf "Chains__Keys__%s" $id) "secretName" $root.Values.chains.secretName "key" (printf "%s-%s" $database $id)) }}
{{- end }}
- name: Checkpoints__KeyId
  value: {{ $root.Values.checkpoints.keyId | quote }}
- name: Checkpoints__Interval
  value: {{ $root.Values.checkpoints.interval | quote }}
{{ include "platform.secretEnv" (dict "name" "Checkpoints__SigningKey" "secretName" $root.Values.checkpoints.secretName "key" (printf "%s-%s.pem" $database $root.Values.checkpoints.keyId)) }}
{{- end }}
{{- if $svc.messaging }}
{{- /* Each host its own broker and Redis user (design.md rule 9, docs/deploy.md): keys rabbitmq-<host>, redis-<host>. */}}
{{ include "platform.secretEnv" (dict "name" "ConnectionStrings__rabbitmq" "secretName" $connections "key" (printf "rabbitmq-%s" .name)) }}
{{- end }}
{{ include "platform.secretEnv" (dict "name" "ConnectionStrings__redis" "secretName" $connections "key" (printf "redis-%s" .name)) }}
{{- if $svc.public }}
{{- range $index, $network := $root.Values.ingress.trustedProxies }}
- name: {{ printf "Gateway__TrustedProxies__%d" $index }}
  value: {{ $network | quote }}
{{- end }}
{{- end }}
{{- if $svc.behindGateway }}
{{- /* Whose X-Forwarded-For names an owner signing in: the gateway's pods (docs/identity.md, owner sign-in limits). */}}
{{- range $index, $network := $root.Values.gatewayNetworks }}
- name: {{ printf "Identity__OwnerSignIn__TrustedProxies__%d" $index }}
  value: {{ $network | quote }}
{{- end }}
{{- end }}
{{- range $target := $svc.calls }}
{{- if $svc.public }}
- name: {{ printf "ReverseProxy__Clusters__%s__Destinations__primary__Address" $target }}
  value: {{ printf "http://%s:8080" $target | quote }}
{{- if (index $root.Values.services $target).partnerGrpc }}
- name: {{ printf "ReverseProxy__Clusters__%s-grpc__Destinations__primary__Address" $target }}
  value: {{ printf "http://%s:8081" $target | quote }}
{{- end }}
{{- else }}
- name: {{ printf "Services__%s__Grpc" (title $target) }}
  value: {{ printf "http://%s:8081" $target | quote }}
{{- end }}
{{- end }}
{{- if $root.Values.otel.enabled }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $root.Values.otel.endpoint | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ $root.Values.otel.protocol | quote }}
- name: K8S_POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "k8s.namespace.name=%s,k8s.pod.name=$(K8S_POD_NAME),deployment.environment=%s" $root.Release.Namespace $root.Values.environment | quote }}
{{- end }}
{{- range $name, $value := $svc.env }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- range $svc.secretEnv }}
{{ include "platform.secretEnv" . }}
{{- end }}
{{- end }}
