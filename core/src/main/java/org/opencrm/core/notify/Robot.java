package org.opencrm.core.notify;

/**
 * A group robot or signed webhook a notification can go to.
 *
 * @param type WECOM, DINGTALK, FEISHU (group robots) or WEBHOOK (another system, HMAC-signed)
 * @param url the robot's webhook address (DingTalk's includes its access_token)
 * @param secret DingTalk's and Feishu's signing secret, the webhook's HMAC key; none for WeCom
 */
public record Robot(RobotType type, String url, String secret) {

    public enum RobotType {
        WECOM,
        DINGTALK,
        FEISHU,
        WEBHOOK
    }
}
