# Runs the hall service at boot on a Windows server, as SYSTEM, restarted on failure.
# A scheduled task rather than a Windows service: a Python program is not a service
# without an extra wrapper, and the task needs nothing beyond Windows itself.
#   powershell -ExecutionPolicy Bypass -File install-server-task.ps1 -DataDir D:\counter-server
param(
    [string]$DataDir = "C:\ProgramData\Counter\server",
    [string]$Listen = "0.0.0.0:8443",
    [string]$Exe = "$env:ProgramFiles\Counter\counter-server.exe"
)
$ErrorActionPreference = "Stop"
if (-not (Test-Path "$DataDir\hall.json")) {
    & $Exe --data-dir $DataDir init
}
$action = New-ScheduledTaskAction -Execute $Exe -Argument "--data-dir `"$DataDir`" serve --listen $Listen"
$trigger = New-ScheduledTaskTrigger -AtStartup
$settings = New-ScheduledTaskSettingsSet -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
    -ExecutionTimeLimit ([TimeSpan]::Zero) -StartWhenAvailable
Register-ScheduledTask -TaskName "Counter hall service" -Action $action -Trigger $trigger `
    -Settings $settings -User "SYSTEM" -RunLevel Highest -Force | Out-Null
New-NetFirewallRule -DisplayName "Counter hall service" -Direction Inbound -Protocol TCP `
    -LocalPort ($Listen.Split(":")[-1]) -Action Allow -ErrorAction SilentlyContinue | Out-Null
Start-ScheduledTask -TaskName "Counter hall service"
Write-Host "大厅服务已安装并启动（数据文件夹 $DataDir）"
