{{/* Chart name, truncated to the 63 characters Kubernetes allows in a label. */}}
{{- define "phigate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name. */}}
{{- define "phigate.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "phigate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "phigate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "phigate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "phigate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: {{ .Values.mode }}
{{- end }}

{{- define "phigate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "phigate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "phigate.listenerTlsSecret" -}}
{{- default (printf "%s-listener-tls" (include "phigate.fullname" .)) .Values.listener.tlsSecret }}
{{- end }}

{{- define "phigate.clientCaSecret" -}}
{{- default (printf "%s-client-ca" (include "phigate.fullname" .)) .Values.listener.clientCaSecret }}
{{- end }}

{{- define "phigate.auditSecret" -}}
{{- default (printf "%s-audit" (include "phigate.fullname" .)) .Values.audit.secretName }}
{{- end }}

{{/*
Restricted Pod Security Standard for every container: non-root, read-only root filesystem, no
privilege escalation, no capabilities, the runtime's default seccomp profile.
*/}}
{{- define "phigate.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: [ ALL ]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "phigate.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurityContext.runAsUser | int }}
runAsGroup: {{ .Values.podSecurityContext.runAsGroup | int }}
fsGroup: {{ .Values.podSecurityContext.fsGroup | int }}
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Paths inside the pod, shared by the Envoy configuration and the volume mounts. */}}
{{- define "phigate.socketDir" -}}/var/run/phigate{{- end }}
{{- define "phigate.socketPath" -}}/var/run/phigate/phigate.sock{{- end }}
{{- define "phigate.auditDir" -}}/var/log/phigate/audit{{- end }}
{{- define "phigate.auditKeysDir" -}}/var/run/secrets/phigate{{- end }}
{{- define "phigate.policyDir" -}}/etc/phigate/policy{{- end }}

{{/* Checks that cannot be written in values.schema.json. */}}
{{- define "phigate.validate" -}}
{{- if and (eq .Values.mode "sidecar") (not .Values.app.image.repository) }}
{{- fail "app.image.repository is required in sidecar mode" }}
{{- end }}
{{- if and (eq .Values.mode "gateway") (not .Values.upstream.host) }}
{{- fail "upstream.host is required in gateway mode" }}
{{- end }}
{{- if and (eq .Values.mode "gateway") (or (not .Values.upstream.tls.clientCertificateSecret) (not .Values.upstream.tls.caSecret)) }}
{{- fail "upstream.tls.clientCertificateSecret and upstream.tls.caSecret are required for the TLS 1.3 mutual-TLS upstream" }}
{{- end }}
{{- if and .Values.audit.persistence.enabled (gt (int .Values.replicaCount) 1) }}
{{- fail "audit.persistence needs replicaCount 1: each replica writes its own hash chain into its own directory" }}
{{- end }}
{{- end }}
