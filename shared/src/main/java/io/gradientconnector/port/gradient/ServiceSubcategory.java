package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Service subcategories exactly as Gradient publishes them (46, including the spelling "priviledged"). Gradient does not tie a subcategory to a category. */
public enum ServiceSubcategory {
    ENDPOINT_DETECTION_AND_RESPONSE("endpoint detection and response (EDR)"),
    EMAIL_SECURITY("email security"),
    VIRTUAL_PRIVATE_NETWORK_SERVICES("virtual private network services (VPN)"),
    DNS_FILTERING("DNS filtering"),
    DARK_WEB_MONITORING("dark web monitoring"),
    PASSWORD_MANAGEMENT("password management"),
    SINGLE_SIGN_ON("single sign on (SSO)"),
    PRIVILEDGED_ACCESS_AND_IDENTITY_MANAGEMENT("priviledged access and identity management (PAM/PIM)"),
    SECURITY_INFORMATION_AND_EVENT_MANAGEMENT("security information and event management (SIEM)"),
    MOBILE_DEVICE_MANAGEMENT("mobile device management (MDM)"),
    APPLICATION_SECURITY("application security"),
    MOBILE_APPLICATION_MANAGEMENT("mobile application management (MAM)"),
    MULTI_FACTOR_AUTHENTICATION("multi factor authentication (MFA)"),
    CLOUD_BACKUP("cloud backup"),
    LOCAL_BACKUP("local backup"),
    DESKTOP_BACKUP("desktop backup"),
    DATA_ARCHIVING("data archiving"),
    PHYSICAL_OFFSITE_STORAGE("physical offsite storage"),
    BUSINESS_CONTINUITY("business continuity"),
    HOSTED_EMAIL("hosted email"),
    VIDEO_CONFERENCING("video conferencing"),
    VOICE_OVER_IP_SERVICES("voice over IP services (VOIP)"),
    LINE_OF_BUSINESS_APPLICATION_SUPPORT("line of business application support"),
    UNIFIED_COMMUNICATIONS_AS_A_SERVICE("unified communications as a service (UCaaS)"),
    CUSTOMER_RELATIONSHIP_MANAGEMENT("customer relationship management"),
    CLOUD_STORAGE("cloud storage"),
    WEBSITE_HOSTING("website hosting"),
    HARDWARE_AS_A_SERVICE("hardware as a service (HaaS)"),
    MANAGED_PRINT_SERVICES("managed print services"),
    VIRTUAL_DESKTOP_INFRASTRUCTURE("virtual desktop infrastructure (VDI)"),
    VIRTUAL_SERVER_HOSTING("virtual server hosting"),
    INFRASTRUCTURE_AS_A_SERVICE("infrastructure as a service (IaaS)"),
    END_USER_SUPPORT("end user support"),
    SERVER_MANAGEMENT_AND_SUPPORT("server management and support"),
    NETWORK_MANAGEMENT_AND_SUPPORT("network management and support"),
    PRINTER_MANAGEMENT_AND_SUPPORT("printer management and support"),
    DESKTOP_MANAGEMENT_AND_SUPPORT("desktop management and support"),
    HOSTED_SECURITY_OPERATIONS_CENTRE("hosted security operations centre (SOC)"),
    SOFTWARE_DEVELOPMENT("software development"),
    PENETRATION_TESTING("penetration testing"),
    PROJECT_SERVICES("project services"),
    GOVERNANCE_AND_COMPLIANCE("governance and compliance"),
    BUSINESS_INTELLIGENCE_SERVICES_ANALYTICS("business intelligence services / analytics"),
    PHISHING_SIMULATION("phishing simulation"),
    PRIVACY_AND_SECURITY_AWARENESS_TRAINING("privacy and security awareness training"),
    OTHER("other");

    private final String wireValue;

    ServiceSubcategory(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The exact string Gradient expects (case-sensitive). */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /** The constant for an exact wire string; throws naming the value when unknown. */
    @JsonCreator
    public static ServiceSubcategory fromWire(String value) {
        for (ServiceSubcategory candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown service subcategory: " + value);
    }
}
