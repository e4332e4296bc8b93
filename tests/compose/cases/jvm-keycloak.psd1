@{
    Description = 'Keycloak: a JDBC URL without credentials passes, KC_DB_PASSWORD fails, JAVA_OPTS_APPEND -Xmx1g sizes the limit'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'identity'; Rule = 'DH130'; Status = 'Fail'; Line = 5 }
        @{ Service = 'identity'; Rule = 'DH116'; Status = 'Fail'; Line = 2 }
    )
}
