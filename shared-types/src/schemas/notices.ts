import { z } from 'zod';

const TemplateId = z.string().min(1).max(64);

export const SubscriptionsRequest = z
  .object({
    templateIds: z
      .array(TemplateId)
      .min(1)
      .max(10)
      .meta({ description: 'The templates the user accepted in wx.requestSubscribeMessage (status "accept")' }),
  })
  .meta({ id: 'SubscriptionsRequest' });

export const SubscriptionsResult = z
  .object({
    accepted: z.array(TemplateId).meta({ description: 'The templates recorded: one message of each may be sent' }),
  })
  .meta({ id: 'SubscriptionsResult' });

export const NoticeTemplates = z
  .object({
    weapp: z.array(TemplateId).meta({ description: 'Subscription template ids to ask consent for at booking' }),
  })
  .meta({ id: 'NoticeTemplates' });

export type SubscriptionsRequest = z.infer<typeof SubscriptionsRequest>;
export type SubscriptionsResult = z.infer<typeof SubscriptionsResult>;
export type NoticeTemplates = z.infer<typeof NoticeTemplates>;
